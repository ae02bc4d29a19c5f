package lesion.ast;

import lesion.source.Span;

/** {@code adam LR} or {@code sgd LR [momentum M]}; momentum is null when not written. */
public record Optimizer(Word kind, NumLit rate, NumLit momentum, Span span) {
}
