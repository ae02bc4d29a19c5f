package lesion.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Pair against singles on hand-made rows of a layer of 3 units and 2 classes. */
class RedundancyTest {
    private static final List<UnitDrop> SINGLES = List.of(
            new UnitDrop(new int[] {0}, 0.10, new double[] {0.20, 0.00}, new int[] {1, 4}),
            new UnitDrop(new int[] {1}, 0.05, new double[] {0.00, 0.10}, new int[] {4, 7}),
            new UnitDrop(new int[] {2}, 0.00, new double[] {0.00, Double.NaN}, new int[0]));

    @Test
    void pairDropAgainstTheSumOfSinglesOverallPerClassAndTheImagesLostOnlyTogether() {
        List<UnitDrop> pairs = List.of(
                new UnitDrop(new int[] {0, 1}, 0.25, new double[] {0.30, 0.20}, new int[] {1, 2, 4, 7, 9}),
                new UnitDrop(new int[] {0, 2}, 0.08, new double[] {0.16, 0.00}, new int[] {1}));
        RedundancyResult r = Redundancy.of(0, "hidden1", 3, SINGLES, pairs);
        assertEquals(2, r.pairs().size());
        RedundancyResult.Pair p = r.pairs().get(0);
        assertEquals(0, p.a());
        assertEquals(1, p.b());
        assertEquals(0.25, p.pairDrop());
        assertEquals(0.15, p.singlesSum(), 1e-15);
        assertEquals(0.10, p.excess(), 1e-15);
        assertArrayEquals(new double[] {0.20, 0.10}, p.perClassSinglesSum(), 1e-15);
        assertEquals(0.10, p.perClassExcess(0), 1e-15);
        assertEquals(0.10, p.perClassExcess(1), 1e-15);
        // 1 and 4 go with unit 0 alone, 7 with unit 1 alone: 2 and 9 are lost only together
        assertArrayEquals(new int[] {2, 9}, p.lostTogether());
        RedundancyResult.Pair q = r.pairs().get(1);
        assertEquals(-0.02, q.excess(), 1e-15);
        assertEquals(0, q.lostTogether().length);
        assertTrue(Double.isNaN(q.perClassSinglesSum()[1]), "a class without images stays without figures");
    }

    @Test
    void lostTogetherIsTheSortedDifference() {
        assertArrayEquals(new int[] {0, 5, 8}, Redundancy.lostTogether(new int[] {0, 2, 3, 5, 6, 8},
                new int[] {2, 6, 7}, new int[] {1, 3, 9}));
        assertArrayEquals(new int[0], Redundancy.lostTogether(new int[0], new int[] {1}, new int[] {2}));
    }

    @Test
    void aPairWithoutItsSinglesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Redundancy.of(0, "h", 3,
                SINGLES.subList(0, 2), List.of()));
        assertEquals("unit 2 of layer 0 has no single-unit ablation", e.getMessage());
    }
}
