package lesion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lesion.parse.generated.StudyLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The canonical text of a statement: its tokens without comments or layout, keywords in lower
 * case, strings as written. Two spellings of one statement ({@code ABLATE  layer 0 …} and
 * {@code ablate layer 0 …}) have one canonical text, which is what step seeds derive from.
 */
public final class Canonical {
    private Canonical() {
    }

    public static String text(String statementSource) {
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(statementSource));
        lexer.removeErrorListeners();
        List<String> words = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            // keywords and layer names are case-insensitive; only strings (paths, titles) keep their case
            boolean caseMatters = t.getType() == StudyLexer.STRING || t.getType() == StudyLexer.UNTERMINATED_STRING;
            words.add(caseMatters ? t.getText() : t.getText().toLowerCase(Locale.ROOT));
        }
        return String.join(" ", words).replace(" ;", ";").replace(" ,", ",").replace(" .. ", "..").replace(" - ", "-");
    }
}
