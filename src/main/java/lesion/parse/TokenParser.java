package lesion.parse;

import java.util.ArrayList;
import java.util.List;
import lesion.parse.generated.StudyLexer;
import lesion.parse.generated.StudyParser;
import lesion.parse.generated.StudyParser.StatementContext;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Runs the generated parser over one statement's tokens at a time, stopping at the first syntax
 * error instead of letting ANTLR repair the tree.
 *
 * <p>It also answers "which tokens could come here?" exactly, by parsing the statement's tokens up
 * to the error followed by each candidate token in turn. ANTLR's own expected-token set is taken
 * at the start of the decision that failed, which for a decision that looks several tokens ahead
 * ({@code units 12 19}) names the tokens of the wrong place; the trial parses are cheap (a few
 * dozen tokens, and only once there is an error) and always right.
 */
final class TokenParser {
    private final List<Token> tokens;

    /** {@code tokens}: the default-channel tokens of a study, ending with its EOF token. */
    TokenParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** The outcome of parsing a run of tokens as one statement: a tree, or the index of the offending token. */
    record Outcome(StatementContext tree, int errorAt) {
        boolean ok() {
            return tree != null;
        }
    }

    /**
     * Parses {@code tokens[from, to)} as one statement. On a syntax error, {@code errorAt} is the
     * index of the first token that cannot continue the statement; {@code to} means the tokens ran
     * out.
     */
    Outcome parse(int from, int to) {
        List<Token> run = new ArrayList<>(to - from + 1);
        for (int i = from; i < to; i++) {
            run.add(new CommonToken(tokens.get(i)));
        }
        Outcome relative = attempt(run, tokens.get(to));
        return relative.ok() ? relative : new Outcome(null, from + relative.errorAt());
    }

    /** Whether a statement can begin with {@code tokens[from, at)} followed by a token of {@code type}. */
    boolean accepts(int from, int at, int type) {
        List<Token> prefix = new ArrayList<>(at - from + 1);
        for (int i = from; i < at; i++) {
            prefix.add(new CommonToken(tokens.get(i)));
        }
        return accepts(prefix, type, tokens.get(at));
    }

    /** Whether a statement can begin with {@code prefix} followed by a token of {@code type}. */
    boolean accepts(List<Token> prefix, int type, Token position) {
        List<Token> run = new ArrayList<>(prefix.size() + 1);
        for (Token t : prefix) {
            run.add(new CommonToken(t));
        }
        CommonToken candidate = new CommonToken(position);
        candidate.setType(type);
        run.add(candidate);
        Outcome outcome = attempt(run, position);
        return outcome.ok() || outcome.errorAt() > prefix.size();
    }

    /** Whether {@code run} is exactly one statement (the end of input placed at {@code end}). */
    boolean parses(List<Token> run, Token end) {
        List<Token> copy = new ArrayList<>(run.size() + 1);
        for (Token t : run) {
            copy.add(new CommonToken(t));
        }
        return attempt(copy, end).ok();
    }

    /** The token types that could follow {@code tokens[from, at)} in a statement, in token type order. */
    List<Integer> expected(int from, int at) {
        List<Integer> out = new ArrayList<>();
        for (int type = 1; type <= StudyLexer.VOCABULARY.getMaxTokenType(); type++) {
            if (isCandidate(type) && accepts(from, at, type)) {
                out.add(type);
            }
        }
        return out;
    }

    Token token(int index) {
        return tokens.get(index);
    }

    int type(int index) {
        return tokens.get(index).getType();
    }

    private static boolean isCandidate(int type) {
        return type != StudyLexer.COMMENT && type != StudyLexer.WS && type != StudyLexer.BAD_CHAR
                && type != StudyLexer.UNTERMINATED_STRING;
    }

    /**
     * Parses {@code run} (then an end of input placed at {@code end}) as one statement: the tree
     * when it parses and consumes every token, else the index in {@code run} of the offending token.
     */
    private static Outcome attempt(List<Token> run, Token end) {
        CommonToken eof = new CommonToken(end);
        eof.setType(Token.EOF);
        eof.setText("<EOF>");
        run.add(eof);
        StudyParser parser = new StudyParser(new CommonTokenStream(new ListTokenSource(run)));
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            StatementContext tree = parser.statement();
            Token next = parser.getCurrentToken();
            return next.getType() == Token.EOF ? new Outcome(tree, -1) : new Outcome(null, next.getTokenIndex());
        } catch (ParseCancellationException e) {
            Token offending = e.getCause() instanceof RecognitionException r && r.getOffendingToken() != null
                    ? r.getOffendingToken()
                    : parser.getCurrentToken();
            return new Outcome(null, offending.getTokenIndex());
        }
    }
}
