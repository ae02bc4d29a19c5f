package lesion.ast;

import lesion.source.Span;

/** A number that may have a fraction or exponent (learning rates, widths), with its source text. */
public record NumLit(double value, String text, Span span) {
}
