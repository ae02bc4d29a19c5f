package lesion.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import lesion.plan.SelectionPlan;
import org.junit.jupiter.api.Test;

/** By magnitude: the units with the smallest L1 norm of their incoming weights go first. */
class MagnitudeRankingTest {
    private static final float[][] WEIGHTS = {
        {1, -1, 1},          // 0: L1 3
        {0.5f, 0, 0},        // 1: L1 0.5
        {-0.25f, 0.25f, 0},  // 2: L1 0.5, a tie with unit 1
        {5, -5, 0},          // 3: L1 10, though its weights sum to 0
        {0, 0, 0},           // 4: L1 0
        {-2, 0, 0},          // 5: L1 2
    };

    @Test
    void theSmallestL1NormsComeFirstTiesToTheLowerIndex() {
        assertArrayEquals(new double[] {3, 0.5, 0.5, 10, 0, 2}, MagnitudeRanking.l1Norms(WEIGHTS));
        assertArrayEquals(new int[] {4, 1, 2, 5, 0, 3}, MagnitudeRanking.order(WEIGHTS));
    }

    @Test
    void eachProportionRemovesItsCountOfTheLowestRanked() {
        SelectionPlan.Ranked sel = new SelectionPlan.Ranked("magnitude", List.of(20.0, 50.0, 10.0), new int[] {1, 3, 2});
        List<Chosen> chosen = MagnitudeRanking.choose(sel, WEIGHTS);
        assertEquals(3, chosen.size());
        assertArrayEquals(new int[] {4}, chosen.get(0).units());
        assertArrayEquals(new int[] {1, 2, 4}, chosen.get(1).units());
        assertArrayEquals(new int[] {1, 4}, chosen.get(2).units());
        assertEquals(2, chosen.get(2).proportionIndex());
        assertEquals(10.0, chosen.get(2).percent());
        assertEquals("by magnitude", chosen.get(0).label());
    }

    @Test
    void nanWeightsAreRefusedNamingTheUnit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MagnitudeRanking.l1Norms(new float[][] {{1}, {2, Float.NaN}}));
        assertEquals("weight 1 of unit 1 is NaN", e.getMessage());
    }
}
