package lesion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lesion.parse.generated.StudyLexer;
import lesion.source.Diagnostic;
import lesion.source.SourceFile;
import lesion.source.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The lexer's view of a text, for tools that show it to people while it is typed: the REPL's
 * highlighting and completion. Every token the lexer finds, comments included, with its place in
 * the text as char offsets, so that no ANTLR type leaves this package.
 */
public final class Lexemes {
    private Lexemes() {
    }

    /** What a lexeme is, as far as showing it goes. */
    public enum Kind {
        KEYWORD, NUMBER, PERCENT, STRING, UNTERMINATED_STRING, NAME, PUNCTUATION, COMMENT, BAD
    }

    /** One token of the text: {@code text} is the text between char offsets {@code start} and {@code end}. */
    public record Lexeme(Kind kind, int start, int end, String text) {
        /** Whether this is the keyword {@code word} (in any case) or the punctuation {@code word}. */
        public boolean is(String word) {
            return switch (kind) {
                case KEYWORD -> text.toLowerCase(Locale.ROOT).equals(word);
                case PUNCTUATION -> text.equals(word);
                default -> false;
            };
        }
    }

    /** Every token of {@code text} in order, comments included, whitespace left out. */
    public static List<Lexeme> of(String text) {
        Spans spans = new Spans(new SourceFile("", text));
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Lexeme> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() != StudyLexer.WS) {
                int start = spans.start(t);
                int end = spans.end(t);
                out.add(new Lexeme(kindOf(t.getType()), start, end, text.substring(start, end)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether {@code word} can be written as it is where the grammar takes a name (a layer's name):
     * it is one name and not a keyword. Other names must be written as strings.
     */
    public static boolean isName(String word) {
        List<Lexeme> lexemes = of(word);
        return lexemes.size() == 1 && lexemes.get(0).kind() == Kind.NAME && lexemes.get(0).text().equals(word);
    }

    /** {@code text} as a string of the language: in double quotes, with '"' and '\' escaped. */
    public static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** The text a string of the language stands for: {@code "a\"b"} is {@code a"b}. */
    public static String unquote(String string) {
        return AstBuilder.unescape(string);
    }

    /**
     * The place of the first syntax error of {@code text} as {@code {start, end}} char offsets, end
     * exclusive and never empty: where a word is missing, the word after which it is missing.
     *
     * <p>Text still being typed is not an error. A '{' that is not closed yet never is; and while
     * the last statement is unfinished ({@link Parser#isIncomplete}), neither is an error in the
     * word being typed at the very end of the text, or just after its last word.
     */
    public static Optional<int[]> firstError(String text) {
        List<Lexeme> lexemes = of(text).stream().filter(l -> l.kind() != Kind.COMMENT).toList();
        int unfinishedFrom = Parser.isIncomplete(text) ? unfinishedFrom(text, lexemes) : Integer.MAX_VALUE;
        String closed = text + "\n}".repeat(openBlocks(lexemes));
        for (Diagnostic d : Parser.parse(new SourceFile("<repl>", closed)).diagnostics().sorted()) {
            if (!d.isError()) {
                continue;
            }
            int start = d.span().startOffset();
            if (start >= unfinishedFrom) {
                return Optional.empty();
            }
            int end = Math.min(d.span().endOffset(), text.length());
            if (end > start) {
                return Optional.of(new int[] {start, end});
            }
            return lexemes.stream().filter(l -> l.end() <= start).reduce((a, b) -> b)
                    .map(l -> new int[] {l.start(), l.end()});
        }
        return Optional.empty();
    }

    /** How many '{' of the text are not closed yet; a stray '}' closes nothing, as in {@link Parser#isIncomplete}. */
    private static int openBlocks(List<Lexeme> lexemes) {
        int depth = 0;
        for (Lexeme l : lexemes) {
            if (l.is("{")) {
                depth++;
            } else if (l.is("}") && depth > 0) {
                depth--;
            }
        }
        return depth;
    }

    /** Where the unfinished end of the text begins: the last word when it is still being typed, else after it. */
    private static int unfinishedFrom(String text, List<Lexeme> lexemes) {
        if (lexemes.isEmpty()) {
            return 0;
        }
        Lexeme last = lexemes.get(lexemes.size() - 1);
        return last.end() == text.length() ? last.start() : last.end();
    }

    /** The kind of a token type of the lexer; every type but whitespace has one. */
    static Kind kindOf(int type) {
        if (Keywords.isKeywordType(type)) {
            return Kind.KEYWORD;
        }
        return switch (type) {
            case StudyLexer.INT, StudyLexer.FLOAT -> Kind.NUMBER;
            case StudyLexer.PERCENT -> Kind.PERCENT;
            case StudyLexer.STRING -> Kind.STRING;
            case StudyLexer.UNTERMINATED_STRING -> Kind.UNTERMINATED_STRING;
            case StudyLexer.IDENT -> Kind.NAME;
            case StudyLexer.SEMI, StudyLexer.COMMA, StudyLexer.DOTDOT, StudyLexer.MINUS, StudyLexer.LBRACE,
                    StudyLexer.RBRACE -> Kind.PUNCTUATION;
            case StudyLexer.COMMENT -> Kind.COMMENT;
            case StudyLexer.BAD_CHAR -> Kind.BAD;
            default -> throw new IllegalArgumentException("token type " + type + " has no kind");
        };
    }
}
