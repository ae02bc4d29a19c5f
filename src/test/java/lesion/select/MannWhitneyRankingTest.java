package lesion.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lesion.plan.SelectionPlan;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/** By mannwhitney: the units whose weights training changed least (highest p-value) go first. */
class MannWhitneyRankingTest {
    // every value is exact in float, so the test's double arrays are the same numbers
    private static final float[][] INITIAL = {
        {1, 2, 3, 4, 5, 6},
        {0.5f, -0.25f, 1.5f, 2, -1, 0.75f},
        {1, 2, 3, 4, 5, 6},
        {-3, 1, 2.5f, 0, 7, -0.5f},
    };
    private static final float[][] TRAINED = {
        {7, 8, 9, 10, 11, 12},           // every weight grew: the smallest p
        {0.5f, -0.5f, 1.75f, 2, -1, 1},  // a little changed
        {1, 2, 3, 4, 5, 6},              // unchanged: p = 1
        {-2, 1, 3, 0.5f, 6, -1},         // some changed
    };

    @Test
    void pValuesAreCommonsMathsMannWhitneyUTestOfEachUnit() {
        double[] p = MannWhitneyRanking.pValues(INITIAL, TRAINED);
        MannWhitneyUTest test = new MannWhitneyUTest();
        assertEquals(test.mannWhitneyUTest(new double[] {1, 2, 3, 4, 5, 6}, new double[] {7, 8, 9, 10, 11, 12}), p[0]);
        assertEquals(test.mannWhitneyUTest(new double[] {0.5, -0.25, 1.5, 2, -1, 0.75},
                new double[] {0.5, -0.5, 1.75, 2, -1, 1}), p[1]);
        assertEquals(test.mannWhitneyUTest(new double[] {-3, 1, 2.5, 0, 7, -0.5},
                new double[] {-2, 1, 3, 0.5, 6, -1}), p[3]);
    }

    @Test
    void thePValueIsTheNormalApproximationWithoutCorrections() {
        // U = 0 for 6 against 6: mean 18, variance 6·6·13/12 = 39, z = -18/√39, p = 2·Φ(z) ≈ 0.0039
        // (with a continuity correction it would be about 0.0051)
        double expected = 2 * new NormalDistribution().cumulativeProbability(-18 / Math.sqrt(39));
        assertEquals(expected, MannWhitneyRanking.pValues(INITIAL, TRAINED)[0], 1e-15);
        assertEquals(0.0039, expected, 1e-4);
    }

    @Test
    void unchangedWeightsHavePOneAndAreRemovedFirst() {
        double[] p = MannWhitneyRanking.pValues(INITIAL, TRAINED);
        assertEquals(1.0, p[2], 1e-12);
        for (int u : new int[] {0, 1, 3}) {
            assertTrue(p[u] < p[2], "unit " + u + ": " + p[u]);
        }
        int[] order = MannWhitneyRanking.order(INITIAL, TRAINED);
        assertEquals(2, order[0]);
        assertEquals(0, order[3], "the unit whose weights all grew is removed last");
        SelectionPlan.Ranked sel = new SelectionPlan.Ranked("mannwhitney", List.of(25.0, 75.0), new int[] {1, 3});
        List<Chosen> chosen = MannWhitneyRanking.choose(sel, INITIAL, TRAINED);
        assertArrayEquals(new int[] {2}, chosen.get(0).units());
        assertArrayEquals(new int[] {1, 2, 3}, chosen.get(1).units());
        assertEquals("by mannwhitney", chosen.get(1).label());
    }

    @Test
    void equalPValuesGoToTheLowerIndex() {
        float[][] same = {{1, 2, 3}, {3, 1, 2}, {4, 5, 6}};
        float[][] trained = {{9, 8, 7}, {3, 1, 2}, {4, 5, 6}};
        assertArrayEquals(new int[] {1, 2, 0}, MannWhitneyRanking.order(same, trained));
    }

    @Test
    void mismatchedLayersAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> MannWhitneyRanking.pValues(new float[][] {{1, 2}}, new float[][] {{1, 2}, {3, 4}}));
        assertThrows(IllegalArgumentException.class,
                () -> MannWhitneyRanking.pValues(new float[][] {{1, 2}}, new float[][] {{1, 2, 3}}));
    }
}
