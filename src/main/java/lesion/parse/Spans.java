package lesion.parse;

import lesion.source.SourceFile;
import lesion.source.Span;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR tokens into {@link Span}s of the source text.
 *
 * <p>ANTLR counts code points and 0-based columns; a {@link Span} counts UTF-16 chars (so that
 * {@link SourceFile#slice} and the caret line of a diagnostic line up) and 1-based columns. The
 * two agree unless the text holds characters outside the Basic Multilingual Plane (an emoji in a
 * comment or a title), so the mapping is only built when it is needed.
 */
final class Spans {
    private final String text;
    /** Char offset of each code point index, or null when they are the same. */
    private final int[] charOffset;
    /** Char offset where each line starts; index 0 is line 1. */
    private final int[] lineStart;

    Spans(SourceFile source) {
        this.text = source.text();
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints == text.length()) {
            charOffset = null;
        } else {
            charOffset = new int[codePoints + 1];
            int cp = 0;
            for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
                charOffset[cp++] = i;
            }
            charOffset[cp] = text.length();
        }
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines++;
            }
        }
        lineStart = new int[lines];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStart[line++] = i + 1;
            }
        }
    }

    /** The span of one token. */
    Span of(Token token) {
        return of(token, token);
    }

    /** From the start of {@code first} to the end of {@code last}. */
    Span of(Token first, Token last) {
        int start = start(first);
        int end = Math.max(start, end(last));
        return new Span(first.getLine(), column(first.getLine(), start), start, end);
    }

    /** An empty span just after {@code token}: where something missing should have been written. */
    Span after(Token token) {
        int end = end(token);
        return new Span(token.getLine(), column(token.getLine(), end), end, end);
    }

    /** The text between two code point indexes [start, end) that begins on {@code line}. */
    Span range(int line, int start, int end) {
        int from = chars(start);
        return new Span(line, column(line, from), from, Math.max(from, chars(end)));
    }

    /** Char offset of the token's first character. */
    int start(Token token) {
        return chars(token.getStartIndex());
    }

    /** Char offset just past the token's last character. */
    int end(Token token) {
        if (token.getType() == Token.EOF) {
            return chars(token.getStartIndex());
        }
        return chars(token.getStopIndex() + 1);
    }

    private int chars(int codePointIndex) {
        int length = charOffset == null ? text.length() : charOffset.length - 1;
        int index = Math.max(0, Math.min(codePointIndex, length));
        return charOffset == null ? index : charOffset[index];
    }

    private int column(int line, int offset) {
        int index = Math.max(0, Math.min(line, lineStart.length) - 1);
        return offset - lineStart[index] + 1;
    }
}
