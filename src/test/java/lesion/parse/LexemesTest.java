package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import lesion.parse.Lexemes.Kind;
import lesion.parse.Lexemes.Lexeme;
import lesion.parse.generated.StudyLexer;
import org.junit.jupiter.api.Test;

class LexemesTest {
    private static Lexeme lexeme(Kind kind, int start, String text) {
        return new Lexeme(kind, start, start + text.length(), text);
    }

    /** The text of the first error of {@code text}, or "" for none. */
    private static String firstError(String text) {
        return Lexemes.firstError(text).map(span -> text.substring(span[0], span[1])).orElse("");
    }

    @Test
    void everyTokenWithItsKindAndPlaceCommentsIncludedBlanksLeftOut() {
        String text = "ABLATE layer \"conv 1\" units 25% random; # why\nrecover 1.5e-3 @";
        assertEquals(List.of(
                lexeme(Kind.KEYWORD, 0, "ABLATE"),
                lexeme(Kind.KEYWORD, 7, "layer"),
                lexeme(Kind.STRING, 13, "\"conv 1\""),
                lexeme(Kind.KEYWORD, 22, "units"),
                lexeme(Kind.PERCENT, 28, "25%"),
                lexeme(Kind.KEYWORD, 32, "random"),
                lexeme(Kind.PUNCTUATION, 38, ";"),
                lexeme(Kind.COMMENT, 40, "# why"),
                lexeme(Kind.KEYWORD, 46, "recover"),
                lexeme(Kind.NUMBER, 54, "1.5e-3"),
                lexeme(Kind.BAD, 61, "@")), Lexemes.of(text));
    }

    @Test
    void namesNumbersPunctuationAndAnUnterminatedString() {
        assertEquals(List.of(
                lexeme(Kind.KEYWORD, 0, "ablate"),
                lexeme(Kind.KEYWORD, 7, "layers"),
                lexeme(Kind.NAME, 14, "conv1"),
                lexeme(Kind.PUNCTUATION, 19, ".."),
                lexeme(Kind.NAME, 21, "features.33"),
                lexeme(Kind.PUNCTUATION, 32, ","),
                lexeme(Kind.NUMBER, 33, "4")), Lexemes.of("ablate layers conv1..features.33,4"));
        assertEquals(List.of(lexeme(Kind.KEYWORD, 0, "data"), lexeme(Kind.KEYWORD, 5, "idx"),
                lexeme(Kind.UNTERMINATED_STRING, 9, "\"my dir")), Lexemes.of("data idx \"my dir"));
    }

    @Test
    void keywordsInAnyCaseAreKeywords() {
        Lexeme ablate = Lexemes.of("ABLATE").get(0);
        assertEquals(Kind.KEYWORD, ablate.kind());
        assertTrue(ablate.is("ablate"));
        assertFalse(ablate.is("layer"));
        assertEquals(Kind.KEYWORD, Lexemes.of("Epoch").get(0).kind(), "a second spelling of a keyword");
        assertTrue(Lexemes.of(";").get(0).is(";"));
        assertFalse(Lexemes.of("relu").get(0).is("relu"), "a name is not a keyword");
    }

    @Test
    void offsetsAreCharsOfTheJavaStringPastAnEmoji() {
        String text = "# 🧠\nseed 1;";
        List<Lexeme> lexemes = Lexemes.of(text);
        assertEquals(lexeme(Kind.COMMENT, 0, "# 🧠"), lexemes.get(0));
        assertEquals(lexeme(Kind.KEYWORD, 5, "seed"), lexemes.get(1));
    }

    @Test
    void everyTokenTypeOfTheLexerButBlanksHasAKind() {
        for (int type = 1; type <= StudyLexer.VOCABULARY.getMaxTokenType(); type++) {
            if (type != StudyLexer.WS) {
                Lexemes.kindOf(type);
            }
        }
        assertTrue(Lexemes.of(" \t\r\n ").isEmpty());
    }

    @Test
    void aNameIsOneWordThatIsNotAKeyword() {
        assertTrue(Lexemes.isName("hidden1"));
        assertTrue(Lexemes.isName("features.33"));
        assertFalse(Lexemes.isName("dense"), "a keyword");
        assertFalse(Lexemes.isName("my layer"));
        assertFalse(Lexemes.isName("dense/kernel"));
        assertFalse(Lexemes.isName("1x"));
    }

    @Test
    void quotingAndUnquotingAreTheLanguagesStrings() {
        String name = "a \"b\" \\c";
        String quoted = Lexemes.quote(name);
        assertEquals("\"a \\\"b\\\" \\\\c\"", quoted);
        List<Lexeme> lexemes = Lexemes.of(quoted);
        assertEquals(1, lexemes.size());
        assertEquals(Kind.STRING, lexemes.get(0).kind());
        assertEquals(name, Lexemes.unquote(quoted));
    }

    @Test
    void theFirstSyntaxErrorIsFoundAndOnlyTheFirst() {
        assertEquals("unit", firstError("ablate layer x unit 3;\nseed y;"));
        assertEquals("@", firstError("ablate layer 0 @ units each;"));
        assertEquals(";", firstError("ablate layer 0 units;"), "a finished statement with a word missing");
        assertEquals("}", firstError("seed 1;\n}"));
        assertEquals("\"out", firstError("report \"out"));
        assertEquals("\"out", firstError("repeat 2 {\n  report \"out"), "not the '{' that is not closed yet");
        assertEquals(Optional.empty(), Lexemes.firstError("ablate layer 0 units each; # don't"));
    }

    @Test
    void anUnfinishedStatementIsNotAnError() {
        assertEquals("", firstError("abl"), "a word being typed");
        assertEquals("", firstError("seed 1;\nablate layer 0 uni"));
        assertEquals("", firstError("ablate layer 0 units each"));
        assertEquals("", firstError("ablate layer 0 units\n"));
        assertEquals("", firstError("repeat 2 {\n  ablate layer 0 units each;\n"));
        assertEquals("", firstError("repeat 2 {\n  ablate layer 0 units\n"));
    }

    @Test
    void anErrorBeforeTheUnfinishedEndIsStillAnError() {
        assertEquals("each", firstError("ablate layer 0 units each\nseed"), "where the ';' is missing");
        assertEquals("{", firstError("repeat {\n  ablate layer 0 units each;\n"), "the count is missing");
        assertEquals("x", firstError("repeat 2 {\n  seed x;\n"));
        assertEquals("uni", firstError("ablate layer 0 uni "), "a wrong word once the next one is begun");
    }
}
