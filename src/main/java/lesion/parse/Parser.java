package lesion.parse;

import static lesion.parse.generated.StudyLexer.LBRACE;
import static lesion.parse.generated.StudyLexer.RBRACE;
import static lesion.parse.generated.StudyLexer.SEMI;

import java.util.ArrayList;
import java.util.List;
import lesion.ast.Statement;
import lesion.ast.Study;
import lesion.parse.generated.StudyLexer;
import lesion.parse.generated.StudyParser;
import lesion.source.Diagnostics;
import lesion.source.SourceFile;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Reads the text of a study into its AST ({@link lesion.ast}), or into diagnostics that say, for
 * people, what is wrong with it. The only door into the parser: no ANTLR type is visible outside
 * this package.
 *
 * <p>When the text has a syntax error the result has no study (see {@link ParseResult}): every
 * syntax error is reported, at most one per statement, and nothing is guessed.
 */
public final class Parser {
    private Parser() {
    }

    /** Parses a whole study file. */
    public static ParseResult parse(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(source);
        List<Token> tokens = lex(source, spans, diagnostics);
        TokenParser parser = new TokenParser(tokens);
        AstBuilder builder = new AstBuilder(spans, diagnostics);
        StatementReader reader = new StatementReader(parser, builder, new SyntaxErrors(parser, spans), diagnostics);
        List<Statement> statements = reader.read(0, tokens.size() - 1);
        Study study = diagnostics.hasErrors() ? null : new Study(source, statements);
        return new ParseResult(study, diagnostics);
    }

    /**
     * Parses some statements, such as the lines a REPL has collected; the same as {@link #parse}
     * (a study is a list of statements), named for what the caller means.
     */
    public static ParseResult parseStatements(SourceFile source) {
        return parse(source);
    }

    /**
     * Whether {@code text} stops in the middle of a statement: after words with no ';' yet, or
     * inside a '{' block. A REPL keeps reading lines while this holds. Comments and blank text are
     * complete, and so is text with a bad character or an unterminated string (more lines cannot
     * mend them: the parser had better say so at once).
     */
    public static boolean isIncomplete(String text) {
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        int depth = 0;
        int last = SEMI;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == StudyLexer.BAD_CHAR || t.getType() == StudyLexer.UNTERMINATED_STRING) {
                return false;
            }
            if (t.getType() == LBRACE) {
                depth++;
            } else if (t.getType() == RBRACE && depth > 0) {
                depth--;
            }
            last = t.getType();
        }
        return depth > 0 || (last != SEMI && last != RBRACE);
    }

    /**
     * The whole study through the grammar's {@code study} rule in one go, with no error handling
     * beyond "did it parse". The statement-by-statement reader is what {@link #parse} uses; this
     * simple path is kept as the oracle that tests compare it with. Null when the text has errors.
     */
    static Study parseWhole(SourceFile source) {
        Diagnostics diagnostics = new Diagnostics();
        Spans spans = new Spans(source);
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        StudyParser parser = new StudyParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new org.antlr.v4.runtime.BailErrorStrategy());
        try {
            Study study = new AstBuilder(spans, diagnostics).study(source, parser.study());
            return diagnostics.hasErrors() ? null : study;
        } catch (org.antlr.v4.runtime.misc.ParseCancellationException e) {
            return null;
        }
    }

    /** The default-channel tokens of the text, ending with EOF. */
    private static List<Token> lex(SourceFile source, Spans spans, Diagnostics diagnostics) {
        StudyLexer lexer = new StudyLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        // The lexer's last rule takes any character, so it has no errors of its own; this is a guard.
        lexer.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                    String message, RecognitionException e) {
                diagnostics.error(spans.range(line, lexer._tokenStartCharIndex, lexer.getCharIndex() + 1),
                        "unexpected character");
            }
        });
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL || t.getType() == Token.EOF) {
                out.add(t);
            }
            if (t.getType() == Token.EOF) {
                return out;
            }
        }
    }
}
