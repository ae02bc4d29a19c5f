package lesion.source;

/**
 * A region of a source file: 1-based line and column of its first character, and
 * character offsets [startOffset, endOffset) into the text.
 */
public record Span(int line, int column, int startOffset, int endOffset) {
    /** A span for things that have no place in a file (defaults, REPL commands). */
    public static final Span NONE = new Span(0, 0, 0, 0);

    public int length() {
        return Math.max(1, endOffset - startOffset);
    }

    /** The smallest span that covers both; its position is the earlier one's. */
    public Span to(Span other) {
        if (this == NONE) {
            return other;
        }
        if (other == NONE) {
            return this;
        }
        Span first = startOffset <= other.startOffset ? this : other;
        return new Span(first.line, first.column, first.startOffset, Math.max(endOffset, other.endOffset));
    }

    @Override
    public String toString() {
        return line + ":" + column;
    }
}
