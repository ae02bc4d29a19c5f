package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lesion.engine.Ablation;
import org.junit.jupiter.api.Test;

/** A lineage's removed units accumulate over repeat passes as a set: a pick may hit units already gone. */
class LineageTest {
    @Test
    void picksWithReplacementRemoveOnlyWhatIsStillAlive() {
        Lineage l = new Lineage(3, "features.3", 8, 0, Ablation.ZERO, "repeat 1", 25, new int[] {5, 1});
        assertArrayEquals(new int[] {1, 5}, l.removed);
        assertEquals(0.75, l.alive(), 1e-12);
        l.removeMore(new int[] {5, 6}, null);
        assertArrayEquals(new int[] {1, 5, 6}, l.removed, "unit 5 was gone already");
        assertArrayEquals(new int[] {5, 6}, l.latest);
        assertEquals(1 - 3.0 / 8, l.alive(), 1e-12);
        l.removeMore(new int[] {1, 5}, null);
        assertEquals(1 - 3.0 / 8, l.alive(), 1e-12, "a pass that hits only dead units removes nothing");
    }
}
