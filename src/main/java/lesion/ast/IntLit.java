package lesion.ast;

import lesion.source.Span;

/** A whole number as written in the study. */
public record IntLit(long value, Span span) {
    public int intValue() {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
