package lesion.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lesion.parse.generated.StudyLexer;
import lesion.parse.generated.StudyParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * The keywords of the study language, read from the generated lexer's vocabulary, so that error
 * hints and the REPL's completion never fall out of step with the grammar.
 *
 * <p>A keyword is a token whose literal spelling is a word ({@code 'ablate'}). A keyword rule with
 * several spellings ({@code EPOCHS : 'epochs' | 'epoch'}) has no literal name in ANTLR's
 * vocabulary; it is listed under its lower-cased token name ({@code epochs}) when the lexer reads
 * that name back as the same token.
 */
public final class Keywords {
    private static final Map<Integer, String> BY_TYPE = readKeywords();
    private static final List<String> ALL = List.copyOf(BY_TYPE.values());
    private static final List<String> STATEMENTS = readStatementKeywords();

    private Keywords() {
    }

    /** Every keyword, lower-case, in the order the lexer grammar declares them. */
    public static List<String> all() {
        return ALL;
    }

    /** The keywords that can begin a statement ({@code study}, {@code seed}, … {@code report}). */
    public static List<String> statements() {
        return STATEMENTS;
    }

    /** Whether {@code word} is a keyword; keywords are case-insensitive. */
    public static boolean isKeyword(String word) {
        return ALL.contains(word.toLowerCase(Locale.ROOT));
    }

    /** The keyword of a token type, or null when the type is not a keyword. */
    static String ofType(int type) {
        return BY_TYPE.get(type);
    }

    /** The token types that are keywords. */
    static boolean isKeywordType(int type) {
        return BY_TYPE.containsKey(type);
    }

    private static Map<Integer, String> readKeywords() {
        var vocabulary = StudyLexer.VOCABULARY;
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int type = 1; type <= vocabulary.getMaxTokenType(); type++) {
            String literal = vocabulary.getLiteralName(type);
            String word;
            if (literal != null) {
                word = literal.substring(1, literal.length() - 1);
            } else {
                String symbolic = vocabulary.getSymbolicName(type);
                if (symbolic == null || type == StudyLexer.IDENT) {
                    continue;
                }
                word = symbolic.toLowerCase(Locale.ROOT);
                if (!lexesAs(word, type)) {
                    continue;
                }
            }
            if (word.matches("[a-z][a-z0-9]*")) {
                out.put(type, word);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static boolean lexesAs(String word, int type) {
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(word));
        lexer.removeErrorListeners();
        List<? extends Token> tokens = lexer.getAllTokens();
        return tokens.size() == 1 && tokens.get(0).getType() == type;
    }

    private static List<String> readStatementKeywords() {
        ATN atn = StudyParser._ATN;
        IntervalSet first = atn.nextTokens(atn.ruleToStartState[StudyParser.RULE_statement]);
        List<String> out = new ArrayList<>();
        for (int type : first.toList()) {
            String word = BY_TYPE.get(type);
            if (word != null) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }
}
