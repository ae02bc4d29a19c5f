package lesion.ast;

import lesion.source.Span;

/** A double-quoted string, unescaped. */
public record StrLit(String value, Span span) {
}
