package lesion.parse;

import static lesion.parse.generated.StudyLexer.BAD_CHAR;
import static lesion.parse.generated.StudyLexer.COMMA;
import static lesion.parse.generated.StudyLexer.FLOAT;
import static lesion.parse.generated.StudyLexer.IDENT;
import static lesion.parse.generated.StudyLexer.INT;
import static lesion.parse.generated.StudyLexer.MINUS;
import static lesion.parse.generated.StudyLexer.PERCENT;
import static lesion.parse.generated.StudyLexer.RBRACE;
import static lesion.parse.generated.StudyLexer.SEMI;
import static lesion.parse.generated.StudyLexer.STRING;
import static lesion.parse.generated.StudyLexer.UNTERMINATED_STRING;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lesion.parse.generated.StudyLexer;
import lesion.source.Diagnostic;
import lesion.source.Span;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;

/**
 * Words a syntax error for people: what was found, what could have been written instead (as
 * keywords in quotes, or as descriptions such as "a whole number"), and a hint when one helps.
 */
final class SyntaxErrors {
    /** Beyond this many alternatives the list ends with "…". */
    private static final int MAX_LISTED = 6;

    private final TokenParser parser;
    private final Spans spans;

    SyntaxErrors(TokenParser parser, Spans spans) {
        this.parser = parser;
        this.spans = spans;
    }

    /** A diagnostic, and the token index from which to go on reading statements. */
    record SyntaxError(Diagnostic diagnostic, int resumeAt) {
    }

    /**
     * Describes the error of a statement made of {@code tokens[from, end)} that cannot go on at
     * token {@code at} ({@code at == end}: the statement's tokens ran out).
     */
    SyntaxError describe(int from, int end, int at) {
        Token found = parser.token(at);
        boolean ranOut = at == end;
        int foundType = ranOut ? Token.EOF : found.getType();
        Token previous = at > from ? parser.token(at - 1) : null;

        if (foundType == BAD_CHAR) {
            boolean semicolonFits = at > from && parser.accepts(from, at, SEMI);
            return new SyntaxError(badCharacter(found, semicolonFits), end);
        }
        if (foundType == UNTERMINATED_STRING) {
            // The string ran to the end of its line, taking any ';' with it: the statement ends there.
            return new SyntaxError(Diagnostic.error(spans.of(found), "unterminated string",
                    "close the string with '\"' on the same line"), at + 1);
        }
        List<Integer> expected = parser.expected(from, at);
        if (previous == null) {
            return new SyntaxError(statementStart(found, expected), end);
        }
        String spelling = ranOut ? null : spellingHint(found, expected);
        if (expected.contains(SEMI) && (ranOut || (isStatementKeyword(foundType) && parser.parse(at, end).ok())
                || (found.getLine() > previous.getLine() && spelling == null))) {
            // The user most likely ended the statement and forgot the ';': go on from the found token.
            return new SyntaxError(Diagnostic.error(spans.after(previous), "missing ';' at the end of the statement"),
                    ranOut ? end : at);
        }

        List<String> alternatives = describe(expected);
        // A misspelt name wants its spelling fixed; a real keyword in the wrong place, its place.
        String structural = hint(from, end, at, found, foundType, expected);
        String hint = foundType == IDENT
                ? (spelling != null ? spelling : structural)
                : (structural != null ? structural : spelling);
        // When the tokens ran out, point just after the last one, where the missing words belong.
        Span span = ranOut ? spans.after(previous) : spans.of(found);
        String message;
        if (alternatives.size() == 1 && !alternatives.get(0).startsWith("'")) {
            message = "expected " + alternatives.get(0) + " after " + quote(previous)
                    + (ranOut ? "" : notA(foundType, alternatives.get(0)));
        } else if (ranOut || foundType == SEMI) {
            message = "expected " + list(alternatives) + " after " + quote(previous);
        } else {
            message = "unexpected " + quote(found) + "; expected " + list(alternatives);
        }
        return new SyntaxError(Diagnostic.error(span, message, hint), end);
    }

    private static boolean isStatementKeyword(int type) {
        String keyword = Keywords.ofType(type);
        return keyword != null && Keywords.statements().contains(keyword);
    }

    /** For a {@code repeat} block whose '{' has no '}'. */
    Diagnostic unclosedBlock(Token open, String keyword) {
        return Diagnostic.error(spans.of(open), "'{' is never closed", "end the '" + keyword + "' block with '}'");
    }

    private Diagnostic badCharacter(Token found, boolean semicolonFits) {
        String text = found.getText();
        int cp = text.codePointAt(0);
        String shown;
        if (Character.isISOControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT) {
            String name = Character.getName(cp);
            shown = String.format(Locale.ROOT, "U+%04X", cp)
                    + (name == null ? "" : " (" + name.toLowerCase(Locale.ROOT) + ")");
        } else {
            shown = "'" + text + "'";
        }
        String hint = null;
        if ("'‘’“”„«»".indexOf(text.charAt(0)) >= 0) {
            hint = "strings are written in straight double quotes: \"…\"";
        } else if (semicolonFits && (text.equals(":") || text.equals("."))) {
            hint = "did you mean ';'?";
        }
        return Diagnostic.error(spans.of(found), "unexpected character " + shown, hint);
    }

    private Diagnostic statementStart(Token found, List<Integer> expected) {
        int type = found.getType();
        if (type == IDENT || Keywords.isKeywordType(type)) {
            return Diagnostic.error(spans.of(found), "unknown statement " + quote(found), spellingHint(found, expected));
        }
        if (type == Token.EOF) {
            return Diagnostic.error(spans.of(found), "expected a statement");
        }
        String hint = type == SEMI ? "remove the extra ';'" : null;
        return Diagnostic.error(spans.of(found), "unexpected " + quote(found) + "; expected a statement", hint);
    }

    /** "did you mean 'units'?" when a word is a slip of the keyboard away from a keyword that fits. */
    private String spellingHint(Token found, List<Integer> expected) {
        int type = found.getType();
        if (type != IDENT && !Keywords.isKeywordType(type)) {
            return null;
        }
        List<String> keywords = new ArrayList<>();
        for (int t : expected) {
            if (Keywords.isKeywordType(t)) {
                keywords.add(Keywords.ofType(t));
            }
        }
        String suggestion = Spelling.suggest(found.getText(), keywords);
        return suggestion == null ? null : "did you mean '" + suggestion + "'?";
    }

    private List<Token> tokens(int from, int to) {
        List<Token> out = new ArrayList<>(to - from + 1);
        for (int i = from; i < to; i++) {
            out.add(parser.token(i));
        }
        return out;
    }

    private static Token withType(Token position, int type) {
        CommonToken token = new CommonToken(position);
        token.setType(type);
        return token;
    }

    private String hint(int from, int end, int at, Token found, int foundType, List<Integer> expected) {
        if (Keywords.isKeywordType(foundType) && expected.contains(STRING) && expected.contains(IDENT)) {
            return quote(found) + " is a keyword: to use it as a name, write it in quotes, \""
                    + found.getText() + "\"";
        }
        if (foundType == PERCENT && expected.contains(INT) && !expected.contains(PERCENT)) {
            return expected.contains(FLOAT) ? "write a plain number, without '%'" : "write a whole number, without '%'";
        }
        Token previous = parser.token(at - 1);
        // "25 random" where "25% random" was meant.
        if (previous.getType() == INT && at - 1 > from) {
            List<Token> prefix = tokens(from, at - 1);
            if (parser.accepts(prefix, PERCENT, previous)) {
                prefix.add(withType(previous, PERCENT));
                if (foundType != Token.EOF && parser.accepts(prefix, foundType, found)) {
                    return "did you mean '" + previous.getText() + "%'?";
                }
            }
        }
        if (foundType == Token.EOF || foundType == SEMI || foundType == RBRACE) {
            return null;
        }
        // "12 19" where "12, 19" was meant.
        for (int separator : new int[] {COMMA, MINUS}) {
            if (expected.contains(separator)) {
                List<Token> prefix = tokens(from, at);
                prefix.add(withType(found, separator));
                if (parser.accepts(prefix, foundType, found)) {
                    String joint = separator == COMMA ? ", " : "-";
                    return "did you mean '" + previous.getText() + joint + found.getText() + "'?";
                }
            }
        }
        // A clause written after one it must precede, "regrow freeze above": the statement parses
        // when the words from the found one to the ';' move in front of an earlier word.
        if (parser.type(end - 1) == SEMI && end - 1 > at) {
            for (int q = at - 1; q > from; q--) {
                List<Token> swapped = tokens(from, q);
                swapped.addAll(tokens(at, end - 1));
                swapped.addAll(tokens(q, at));
                swapped.add(parser.token(end - 1));
                if (parser.parses(swapped, parser.token(end))) {
                    return quote(found) + " must come before " + quote(parser.token(q));
                }
            }
        }
        return null;
    }

    /** ", not a percentage" when a literal of another kind stands where a number was expected. */
    private static String notA(int foundType, String expected) {
        String found = switch (foundType) {
            case INT -> "a whole number";
            case FLOAT -> "a decimal number";
            case PERCENT -> "a percentage";
            case STRING -> "a quoted string";
            default -> null;
        };
        return found == null || expected.startsWith(found) ? "" : ", not " + found;
    }

    /** The expected token types as people read them, merged where the grammar's kinds overlap. */
    static List<String> describe(List<Integer> types) {
        List<String> punctuation = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> enders = new ArrayList<>();
        boolean layerRef = types.contains(INT) && types.contains(STRING) && types.contains(IDENT);
        boolean number = types.contains(INT) && types.contains(FLOAT);
        if (layerRef) {
            kinds.add("a layer number or name");
        }
        for (int type : types) {
            String keyword = Keywords.ofType(type);
            if (keyword != null) {
                keywords.add("'" + keyword + "'");
            } else if (type == SEMI || type == RBRACE) {
                enders.add(literal(type));
            } else if (type == INT) {
                if (number) {
                    kinds.add("a number");
                } else if (!layerRef) {
                    kinds.add("a whole number");
                }
            } else if (type == FLOAT) {
                if (!number) {
                    kinds.add("a number");
                }
            } else if (type == PERCENT) {
                kinds.add("a percentage such as 25%");
            } else if (type == STRING) {
                if (!layerRef) {
                    kinds.add("a quoted string");
                }
            } else if (type == IDENT) {
                if (!layerRef) {
                    kinds.add("a name");
                }
            } else if (literal(type) != null) {
                punctuation.add(literal(type));
            }
        }
        List<String> out = new ArrayList<>(punctuation);
        out.addAll(keywords);
        out.addAll(kinds);
        out.addAll(enders);
        return out;
    }

    /** "'a'", "'a' or 'b'", "'a', 'b' or 'c'"; past six, the first six and "…". */
    static String list(List<String> items) {
        if (items.isEmpty()) {
            return "the end of the statement";
        }
        if (items.size() > MAX_LISTED) {
            return String.join(", ", items.subList(0, MAX_LISTED)) + ", …";
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    private static String literal(int type) {
        return StudyLexer.VOCABULARY.getLiteralName(type);
    }

    /** A token as it is quoted in a message: strings keep their own quotes, everything else gets single ones. */
    static String quote(Token token) {
        if (token.getType() == Token.EOF) {
            return "the end of the file";
        }
        String text = token.getText();
        return token.getType() == STRING ? text : "'" + text + "'";
    }
}
