package lesion.repl;

import lesion.parse.Lexemes;
import lesion.parse.Parser;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Splits the REPL's input for JLine. Enter does not end a statement that has no ';' yet, or a
 * {@code repeat} block whose '}' is not written: JLine then reads another line into the same
 * buffer. A buffer that begins with ':' is a command and ends at Enter.
 *
 * <p>Words are split as the study language reads them: '"' is the only quote (an apostrophe, as
 * in {@code # don't}, is just a character), a '"' inside a comment opens nothing, and ';', ',',
 * '{' and '}' end a word as blanks do, so that completion after {@code each;} or {@code 1,} sees
 * the word being typed alone.
 */
public final class StudyLineParser extends DefaultParser {
    public StudyLineParser() {
        quoteChars(new char[] {'"'});
    }

    /**
     * Throws {@link EOFError} when the line is accepted (Enter) in the middle of a statement, which
     * tells JLine to go on reading; completion and the other contexts take unfinished text as it is.
     */
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !isCommand(line) && Parser.isIncomplete(line)) {
            throw new EOFError(-1, cursor, "missing ';'");
        }
        return super.parse(line, cursor, context);
    }

    @Override
    public boolean isDelimiterChar(CharSequence buffer, int pos) {
        char c = buffer.charAt(pos);
        return Character.isWhitespace(c) || c == ';' || c == ',' || c == '{' || c == '}';
    }

    /** A '"' opens a string, except in a comment, where the lexer reads it as part of the comment. */
    @Override
    public boolean isQuoteChar(CharSequence buffer, int pos) {
        return super.isQuoteChar(buffer, pos) && Lexemes.of(buffer.subSequence(0, pos + 1).toString()).stream()
                .noneMatch(l -> l.kind() == Lexemes.Kind.COMMENT && l.start() < pos && pos < l.end());
    }

    /** Whether the buffer is a REPL command: its first character that is not blank is ':'. */
    static boolean isCommand(String buffer) {
        String text = buffer.stripLeading();
        return text.startsWith(":");
    }
}
