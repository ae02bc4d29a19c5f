package lesion.parse;

import static lesion.parse.generated.StudyLexer.LBRACE;
import static lesion.parse.generated.StudyLexer.RBRACE;
import static lesion.parse.generated.StudyLexer.REPEAT;
import static lesion.parse.generated.StudyLexer.SEMI;

import java.util.ArrayList;
import java.util.List;
import lesion.ast.Statement;
import lesion.source.Diagnostics;

/**
 * Reads a run of tokens statement by statement, so that a syntax error costs one statement and is
 * reported once.
 *
 * <p>The tokens of a statement are found before it is parsed: up to the first ';' outside braces,
 * or up to the '}' that closes a block. Each statement is parsed on its own and parsing stops at
 * its first error ({@link TokenParser}); reading goes on with the next statement. This replaces
 * ANTLR's error recovery, which repairs the tree by deleting or inventing tokens and then reports
 * the knock-on errors of its own repairs, and whose repaired tree can mean something else
 * ({@code ablate layer x unit 3} read as {@code layer 3}).
 *
 * <p>Two errors move the boundary: after a "missing ';'" the found token starts the next statement,
 * and an unterminated string ends its statement at the end of its line. A broken {@code repeat}
 * block has its body read statement by statement too, so each broken statement inside it is
 * reported on its own.
 */
final class StatementReader {
    private final TokenParser parser;
    private final AstBuilder builder;
    private final SyntaxErrors errors;
    private final Diagnostics diagnostics;

    StatementReader(TokenParser parser, AstBuilder builder, SyntaxErrors errors, Diagnostics diagnostics) {
        this.parser = parser;
        this.builder = builder;
        this.errors = errors;
        this.diagnostics = diagnostics;
    }

    /** The statements of {@code tokens[from, to)}; syntax errors go to the diagnostics and their statements are left out. */
    List<Statement> read(int from, int to) {
        List<Statement> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            int end = statementEnd(i, to);
            TokenParser.Outcome outcome = parser.parse(i, end);
            if (outcome.ok()) {
                out.add(builder.statement(outcome.tree()));
                i = end;
            } else if (parser.type(i) == REPEAT && blockStart(i, end) >= 0) {
                brokenBlock(i, end, outcome.errorAt());
                i = end;
            } else {
                SyntaxErrors.SyntaxError error = errors.describe(i, end, outcome.errorAt());
                diagnostics.add(error.diagnostic());
                i = Math.max(i + 1, error.resumeAt());
            }
        }
        return out;
    }

    /** The end (exclusive) of the statement starting at {@code from}: after its ';' or its block's '}'. */
    private int statementEnd(int from, int to) {
        int depth = 0;
        for (int j = from; j < to; j++) {
            int type = parser.type(j);
            if (type == LBRACE) {
                depth++;
            } else if (type == RBRACE) {
                if (depth == 0) {
                    // A '}' that closes nothing is a statement of its own (and an error).
                    return j == from ? j + 1 : j;
                }
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            } else if (type == SEMI && depth == 0) {
                return j + 1;
            }
        }
        return to;
    }

    /** Whether the '{' at {@code open} is closed by the last token before {@code end}. */
    private boolean closes(int open, int end) {
        int depth = 0;
        for (int j = open; j < end; j++) {
            int type = parser.type(j);
            if (type == LBRACE) {
                depth++;
            } else if (type == RBRACE && --depth == 0) {
                return j == end - 1;
            }
        }
        return false;
    }

    private int blockStart(int from, int end) {
        for (int j = from; j < end; j++) {
            if (parser.type(j) == LBRACE) {
                return j;
            }
        }
        return -1;
    }

    /**
     * A {@code repeat} that does not parse: reports an error in its header, every broken statement
     * of its body, and a '{' that is never closed.
     */
    private void brokenBlock(int from, int end, int errorAt) {
        int open = blockStart(from, end);
        boolean closed = closes(open, end);
        int bodyEnd = closed ? end - 1 : end;
        int before = diagnostics.errorCount();
        if (errorAt <= open) {
            diagnostics.add(errors.describe(from, end, errorAt).diagnostic());
        }
        read(open + 1, bodyEnd);
        if (!closed) {
            diagnostics.add(errors.unclosedBlock(parser.token(open), Keywords.ofType(REPEAT)));
        }
        if (diagnostics.errorCount() == before) {
            diagnostics.add(errors.describe(from, end, errorAt).diagnostic());
        }
    }
}
