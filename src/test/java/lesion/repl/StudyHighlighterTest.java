package lesion.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class StudyHighlighterTest {
    private final StudyHighlighter highlighter = new StudyHighlighter();

    private AttributedString highlight(String text) {
        AttributedString out = highlighter.highlight(null, text);
        assertEquals(text, out.toString());
        return out;
    }

    /** The style of the first character of {@code part} in {@code text}, checked to be that of all its characters. */
    private static AttributedStyle styleOf(AttributedString highlighted, String part) {
        String text = highlighted.toString();
        int at = text.indexOf(part);
        AttributedStyle style = highlighted.styleAt(at);
        for (int i = at; i < at + part.length(); i++) {
            assertEquals(style, highlighted.styleAt(i), () -> "style of '" + part + "' changes");
        }
        return style;
    }

    private static void assertNoError(AttributedString highlighted) {
        for (int i = 0; i < highlighted.length(); i++) {
            assertNotEquals(StudyHighlighter.ERROR, highlighted.styleAt(i), "char " + i + " is red");
        }
    }

    @Test
    void eachKindOfWordHasItsColour() {
        AttributedString out = highlight("ablate layer 0 units 25% random; # our guess\nreport \"out\";");
        assertEquals(StudyHighlighter.KEYWORD, styleOf(out, "ablate"));
        assertEquals(StudyHighlighter.KEYWORD, styleOf(out, "random"));
        assertEquals(StudyHighlighter.NUMBER, styleOf(out, "0"));
        assertEquals(StudyHighlighter.NUMBER, styleOf(out, "25%"));
        assertEquals(StudyHighlighter.COMMENT, styleOf(out, "# our guess"));
        assertEquals(StudyHighlighter.STRING, styleOf(out, "\"out\""));
        assertEquals(AttributedStyle.DEFAULT, styleOf(out, ";"));
        assertEquals(AttributedStyle.DEFAULT, out.styleAt("ablate".length()), "a blank");
        assertEquals(StudyHighlighter.KEYWORD, styleOf(highlight("ABLATE"), "ABLATE"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(highlight("ablate layer hidden1"), "hidden1"));
        assertEquals(StudyHighlighter.NUMBER, styleOf(highlight("recover 2 epochs lr 0.05"), "0.05"));
    }

    @Test
    void aCommandIsMagentaAndItsWordsPlain() {
        AttributedString out = highlight("  :help ablate");
        assertEquals(StudyHighlighter.COMMAND, styleOf(out, ":help"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(out, " ablate"));
    }

    @Test
    void theFirstErrorIsRedAndOnlyIt() {
        AttributedString out = highlight("ablate layer x unit 3;\nseed q;");
        assertEquals(StudyHighlighter.ERROR, styleOf(out, "unit"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(out, "x"));
        assertEquals(StudyHighlighter.NUMBER, styleOf(out, "3"));
        assertEquals(AttributedStyle.DEFAULT, styleOf(out, "q"), "a second error is not shown");
        assertEquals(StudyHighlighter.ERROR, styleOf(highlight("ablate layer 0 @ units each;"), "@"));
        assertEquals(StudyHighlighter.ERROR, styleOf(highlight("report \"out;"), "\"out;"));
    }

    @Test
    void anUnfinishedStatementIsNotRed() {
        assertNoError(highlight("abl"));
        assertNoError(highlight("ablate layer 0 uni"));
        assertNoError(highlight("ablate layer 0\n  units each"));
        assertNoError(highlight("repeat 2 {\n  ablate layer 0 units each;\n"));
        assertNoError(highlight(""));
    }

    @Test
    void anErrorIndexOrPatternSetFromOutsideIsRed() {
        highlighter.setErrorIndex(0);
        assertEquals(StudyHighlighter.ERROR, highlight("seed 1;").styleAt(0));
        highlighter.setErrorIndex(-1);
        highlighter.setErrorPattern(Pattern.compile("\\d+"));
        assertEquals(StudyHighlighter.ERROR, styleOf(highlight("seed 12;"), "12"));
        highlighter.setErrorPattern(null);
        assertEquals(StudyHighlighter.NUMBER, styleOf(highlight("seed 12;"), "12"));
    }
}
