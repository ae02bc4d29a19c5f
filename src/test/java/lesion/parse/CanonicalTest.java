package lesion.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** One statement has one canonical text however it is spelt, and strings keep what they say. */
class CanonicalTest {
    @Test
    void caseLayoutAndCommentsDoNotMatter() {
        String canonical = "ablate layer hidden1 units 10% random;";
        assertEquals(canonical, Canonical.text("ablate layer hidden1 units 10% random;"));
        assertEquals(canonical, Canonical.text("ABLATE  Layer HIDDEN1\n  units 10%   random ; # why not"));
    }

    @Test
    void stringsKeepTheirCaseAndTheirHashes() {
        assertEquals("report \"Out#1/Figs\";", Canonical.text("REPORT \"Out#1/Figs\";"));
    }

    @Test
    void listsReadNaturally() {
        assertEquals("ablate layer 0 units 12, 19;", Canonical.text("ablate layer 0 units 12 ,19;"));
        assertEquals("ablate layers 0..2 units 3..7;", Canonical.text("ablate layers 0 .. 2 units 3..7;"));
        assertEquals("model mlp 784-20-10 relu;", Canonical.text("model mlp 784 - 20-10 relu;"));
    }
}
