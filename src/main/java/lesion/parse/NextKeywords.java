package lesion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lesion.parse.generated.StudyLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The keywords the grammar allows next in a text being typed, for the REPL's completion: asked of
 * the parser itself ({@link TokenParser#expected}), so that completion offers what the grammar
 * takes and nothing else, and never falls out of step with it.
 */
public final class NextKeywords {
    private NextKeywords() {
    }

    /**
     * The keywords that can come next at the end of {@code text}, in the order of the lexer
     * grammar. Only the statement being written counts: the one after the last ';', '{' or '}'.
     * Empty (no list) when that statement has a syntax error already, so nothing can continue it;
     * an empty list when it goes on with no keyword (a number, a string, a ';').
     */
    public static Optional<List<String>> after(String text) {
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> statement = new ArrayList<>();
        Token t = lexer.nextToken();
        for (; t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            int type = t.getType();
            if (type == StudyLexer.SEMI || type == StudyLexer.LBRACE || type == StudyLexer.RBRACE) {
                statement.clear();
            } else {
                statement.add(t);
            }
        }
        int at = statement.size();
        statement.add(t);
        List<Integer> expected = new TokenParser(statement).expected(0, at);
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (int type : expected) {
            if (Keywords.isKeywordType(type)) {
                out.add(Keywords.ofType(type));
            }
        }
        return Optional.of(List.copyOf(out));
    }
}
