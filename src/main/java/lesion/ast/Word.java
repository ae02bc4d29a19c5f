package lesion.ast;

import lesion.source.Span;

/** A keyword or name chosen from a closed set (an activation, an optimiser, a method), lower-cased. */
public record Word(String text, Span span) {
    public boolean is(String s) {
        return text.equals(s);
    }
}
