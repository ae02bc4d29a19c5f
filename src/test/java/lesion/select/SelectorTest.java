package lesion.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lesion.plan.SelectionPlan;
import lesion.plan.Variants;
import org.junit.jupiter.api.Test;

/** One entry point for every selection, reading a layer's weights only when it must. */
class SelectorTest {
    private static final SeedScope SCOPE = SeedScope.of(7, 0);

    /** Weights that fail the test if read when they should not be. */
    private static Selector.LayerWeights weights(float[][] trained, float[][] initial) {
        return new Selector.LayerWeights() {
            public float[][] trained() {
                if (trained == null) {
                    throw new AssertionError("trained weights read");
                }
                return trained;
            }

            public float[][] initial() {
                if (initial == null) {
                    throw new AssertionError("initial weights read");
                }
                return initial;
            }
        };
    }

    @Test
    void randomGroupsNeedNoWeightsAndMatchRandomGroups() {
        SelectionPlan.Random sel = new SelectionPlan.Random(List.of(25.0), new int[] {5}, 4);
        assertFalse(Selector.needsWeights(sel));
        List<Chosen> chosen = Selector.choose(sel, 20, SCOPE, weights(null, null));
        assertEquals(RandomGroups.choose(sel, 20, SCOPE), chosen);
        assertEquals(sel.variants(), chosen.size());
    }

    @Test
    void magnitudeReadsOnlyTheTrainedWeights() {
        SelectionPlan.Ranked sel = new SelectionPlan.Ranked("magnitude", List.of(34.0), new int[] {1});
        assertTrue(Selector.needsWeights(sel));
        assertFalse(Selector.needsInitialWeights(sel));
        List<Chosen> chosen = Selector.choose(sel, 3, SCOPE, weights(new float[][] {{3}, {-1}, {2}}, null));
        assertArrayEquals(new int[] {1}, chosen.get(0).units());
    }

    @Test
    void mannWhitneyReadsBothAndRanksTheUnchangedFirst() {
        SelectionPlan.Ranked sel = new SelectionPlan.Ranked("mannwhitney", List.of(50.0), new int[] {1});
        assertTrue(Selector.needsInitialWeights(sel));
        float[][] initial = {{1, 2, 3}, {1, 2, 3}};
        float[][] trained = {{4, 5, 6}, {1, 2, 3}};
        assertArrayEquals(new int[] {1}, Selector.choose(sel, 2, SCOPE, weights(trained, initial)).get(0).units());
    }

    @Test
    void similarityGroupsMakeTheVariantsThePlanCounted() {
        SelectionPlan.Similar sel = new SelectionPlan.Similar(List.of(10.0, 25.0), new int[] {2, 5}, 20, false);
        List<Chosen> chosen = Selector.choose(sel, 20, SCOPE,
                weights(SimilarityGroupsTest.randomWeights(20, 8, 9), null));
        assertEquals(sel.variants(), chosen.size());
    }

    @Test
    void fixedSelectionsComeOutAsThePlanListsThem() {
        for (SelectionPlan sel : List.of(new SelectionPlan.Units(new int[] {3, 5}), new SelectionPlan.Each(4),
                new SelectionPlan.Pairs(4))) {
            List<Chosen> chosen = Selector.choose(sel, 4, SCOPE, weights(null, null));
            List<int[]> listed = Variants.enumerate(sel);
            assertEquals(listed.size(), chosen.size());
            for (int i = 0; i < listed.size(); i++) {
                assertArrayEquals(listed.get(i), chosen.get(i).units());
                assertEquals(-1, chosen.get(i).proportionIndex());
            }
        }
        assertEquals("units 3, 5", Selector.choose(new SelectionPlan.Units(new int[] {3, 5}), 8, SCOPE, null).get(0)
                .label());
    }

    @Test
    void weightsOfAnotherLayerSizeAreRefused() {
        SelectionPlan.Ranked sel = new SelectionPlan.Ranked("magnitude", List.of(50.0), new int[] {2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Selector.choose(sel, 4, SCOPE, weights(new float[][] {{1}, {2}}, null)));
        assertEquals("the trained weights have 2 rows for a layer of 4 units", e.getMessage());
    }
}
