package lesion.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GoldenTest {
    @Test
    void expectedFileSitsBesideTheStudy() {
        assertEquals(Path.of("tests/parse/01-setup.expected"), Golden.expectedFile(Path.of("tests/parse/01-setup.study")));
    }

    @Test
    void namesAreRelativeToTheRoot() {
        assertEquals("tests/parse/x.study", Golden.name(Golden.root().resolve("tests/parse/x.study")));
    }

    @Test
    void diffShowsTheChangedLinesWithContext() {
        String expected = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        String actual = "a\nb\nc\nd\ne\nF\ng\nh\ni\n";
        assertEquals("""
                @@ line 3 @@
                  c
                  d
                  e
                - f
                + F
                  g
                  h
                  i
                """, Golden.diff(expected, actual));
    }

    @Test
    void diffShowsInsertionsAndAMissingFinalLineBreak() {
        String diff = Golden.diff("a\nb\n", "a\nx\nb");
        assertTrue(diff.contains("+ x\n"), diff);
        assertTrue(diff.contains("final line break"), diff);
    }
}
