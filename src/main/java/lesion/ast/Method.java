package lesion.ast;

import lesion.source.Span;

/** How a unit is removed: {@code zero} (the default), {@code mask}, {@code mean}, or {@code noise σ}. */
public record Method(Word kind, NumLit sigma, Span span) {
}
