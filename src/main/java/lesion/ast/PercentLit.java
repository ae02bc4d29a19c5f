package lesion.ast;

import lesion.source.Span;

/** A percentage such as {@code 25%}; {@code percent} is 25, not 0.25. */
public record PercentLit(double percent, String text, Span span) {
}
