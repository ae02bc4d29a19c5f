package lesion.ast;

import lesion.source.Span;

/** How long a {@code recover} trains: a fixed number of epochs, or until the top-5 accuracy stops improving. */
public sealed interface Duration {
    Span span();

    /** {@code 5 epochs}. */
    record Epochs(IntLit epochs, Span span) implements Duration {
    }

    /** {@code until plateau [min A epochs] [delta D%] [patience P] [max M epochs]}; unwritten parts are null. */
    record Plateau(IntLit min, PercentLit delta, IntLit patience, IntLit max, Span span) implements Duration {
    }
}
