package lesion.repl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class StudyLineParserTest {
    private final StudyLineParser parser = new StudyLineParser();

    private void enter(String text) {
        parser.parse(text, text.length(), ParseContext.ACCEPT_LINE);
    }

    private ParsedLine completing(String text) {
        return parser.parse(text, text.length(), ParseContext.COMPLETE);
    }

    @Test
    void enterInTheMiddleOfAStatementReadsAnotherLine() {
        EOFError error = assertThrows(EOFError.class, () -> enter("ablate layer 0"));
        assertEquals("missing ';'", error.getMessage());
        assertThrows(EOFError.class, () -> enter("ablate layer 0\n  units each"));
        assertDoesNotThrow(() -> enter("ablate layer 0 units each;"));
        assertDoesNotThrow(() -> enter("ablate layer 0\n  units each;"));
    }

    @Test
    void aRepeatBlockEndsAtItsBrace() {
        assertThrows(EOFError.class, () -> enter("repeat 2 {\n  ablate layer 0 units each;\n"));
        assertDoesNotThrow(() -> enter("repeat 2 {\n  ablate layer 0 units each;\n}"));
    }

    @Test
    void commandsCommentsAndBlankLinesEndAtEnter() {
        assertDoesNotThrow(() -> enter(":help"));
        assertDoesNotThrow(() -> enter("  :load my study.study"));
        assertDoesNotThrow(() -> enter(""));
        assertDoesNotThrow(() -> enter("# only a note"));
        assertDoesNotThrow(() -> enter("# don't stop\nablate layer 0 units each;"));
        assertDoesNotThrow(() -> enter("data idx \"my dir\";"));
    }

    @Test
    void completionTakesUnfinishedInputAsItIs() {
        assertDoesNotThrow(() -> completing("ablate layer 0"));
        assertDoesNotThrow(() -> completing("repeat 2 {\n  ablate "));
        assertDoesNotThrow(() -> completing("data idx \"my d"));
        assertDoesNotThrow(() -> parser.parse("ablate layer 0", 6, ParseContext.SECONDARY_PROMPT));
    }

    @Test
    void anApostropheOrAQuoteInACommentOpensNoString() {
        assertEquals("ab", completing("# don't\nab").word());
        assertEquals("la", completing("# say \"hi\nablate la").word());
        assertEquals(2, completing("seed 1; # it's \"x\nla").wordCursor());
    }

    @Test
    void theWordBeingTypedIsTheStudysWord() {
        assertEquals("ab", completing("ablate layer 0 units each;ab").word());
        assertEquals("2", completing("ablate layers 0,2").word());
        assertEquals("", completing("repeat 2 {").word());
        ParsedLine string = completing("data idx \"my d");
        assertEquals("my d", string.word(), "the string's text, blanks included");
        assertEquals("my dir", parser.parse("data idx \"my dir\";", 10, ParseContext.COMPLETE).word());
    }
}
