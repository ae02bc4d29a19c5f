package lesion.ast;

import lesion.source.Span;

/** Which layers a {@code recover} keeps fixed: {@code above}, {@code below}, {@code none} or {@code layers A..B}. */
public record Freeze(Word kind, LayerRef from, LayerRef to, Span span) {
}
