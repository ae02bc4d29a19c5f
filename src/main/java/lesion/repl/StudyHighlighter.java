package lesion.repl;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lesion.parse.Lexemes;
import lesion.parse.Lexemes.Lexeme;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the REPL's input as it is typed: keywords bold blue, numbers and percentages cyan,
 * strings green, comments grey, a {@code :command} magenta, and the first syntax error red, so
 * that a mistake shows before Enter. A statement that is only unfinished is not an error
 * ({@link Lexemes#firstError}).
 */
public final class StudyHighlighter implements Highlighter {
    static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    /** Grey: bright black. */
    static final AttributedStyle COMMENT =
            AttributedStyle.DEFAULT.foreground(AttributedStyle.BLACK | AttributedStyle.BRIGHT);
    static final AttributedStyle COMMAND = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

    private Pattern errorPattern;
    private int errorIndex = -1;

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStyle[] styles = new AttributedStyle[buffer.length()];
        Arrays.fill(styles, AttributedStyle.DEFAULT);
        if (StudyLineParser.isCommand(buffer)) {
            int start = buffer.indexOf(':');
            int end = start;
            while (end < buffer.length() && !Character.isWhitespace(buffer.charAt(end))) {
                end++;
            }
            paint(styles, start, end, COMMAND);
        } else {
            for (Lexeme l : Lexemes.of(buffer)) {
                paint(styles, l.start(), l.end(), styleOf(l));
            }
            Lexemes.firstError(buffer).ifPresent(span -> paint(styles, span[0], span[1], ERROR));
        }
        if (errorPattern != null) {
            Matcher m = errorPattern.matcher(buffer);
            while (m.find()) {
                paint(styles, m.start(), m.end(), ERROR);
            }
        }
        if (errorIndex >= 0 && errorIndex < buffer.length()) {
            paint(styles, errorIndex, errorIndex + 1, ERROR);
        }
        AttributedStringBuilder out = new AttributedStringBuilder(buffer.length());
        for (int i = 0; i < buffer.length(); i++) {
            out.style(styles[i]).append(buffer.charAt(i));
        }
        return out.toAttributedString();
    }

    /** Text matching {@code errorPattern} is shown as an error too; null for none. */
    @Override
    public void setErrorPattern(Pattern errorPattern) {
        this.errorPattern = errorPattern;
    }

    /** The character at {@code errorIndex} is shown as an error too; -1 for none. */
    @Override
    public void setErrorIndex(int errorIndex) {
        this.errorIndex = errorIndex;
    }

    private static AttributedStyle styleOf(Lexeme lexeme) {
        return switch (lexeme.kind()) {
            case KEYWORD -> KEYWORD;
            case NUMBER, PERCENT -> NUMBER;
            case STRING, UNTERMINATED_STRING -> STRING;
            case COMMENT -> COMMENT;
            case NAME, PUNCTUATION, BAD -> AttributedStyle.DEFAULT;
        };
    }

    private static void paint(AttributedStyle[] styles, int start, int end, AttributedStyle style) {
        for (int i = start; i < end; i++) {
            styles[i] = style;
        }
    }
}
