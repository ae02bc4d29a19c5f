package lesion.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lesion.plan.SelectionPlan;
import org.junit.jupiter.api.Test;

/** Random groups: the right size, seeded, and stable when the statement grows. */
class RandomGroupsTest {
    private static final SeedScope SCOPE = SeedScope.of(123456789L, 0);

    private static SelectionPlan.Random random(List<Double> percents, int[] counts, int repeat) {
        return new SelectionPlan.Random(percents, counts, repeat);
    }

    @Test
    void everyGroupHasTheRightNumberOfDistinctUnitsOfTheLayerAscending() {
        List<Chosen> chosen = RandomGroups.choose(random(List.of(25.0, 10.0), new int[] {5, 2}, 10), 20, SCOPE);
        assertEquals(20, chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            Chosen c = chosen.get(i);
            int expected = i < 10 ? 5 : 2;
            int[] units = c.units();
            assertEquals(expected, units.length, c.toString());
            for (int j = 0; j < units.length; j++) {
                assertTrue(units[j] >= 0 && units[j] < 20, c.toString());
                assertTrue(j == 0 || units[j - 1] < units[j], "distinct and ascending: " + c);
            }
        }
    }

    @Test
    void variantsComeByProportionInTheOrderWrittenThenByRepetition() {
        List<Chosen> chosen = RandomGroups.choose(random(List.of(50.0, 10.0), new int[] {10, 2}, 3), 20, SCOPE);
        int[] proportions = chosen.stream().mapToInt(Chosen::proportionIndex).toArray();
        int[] repetitions = chosen.stream().mapToInt(Chosen::repetition).toArray();
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, proportions);
        assertArrayEquals(new int[] {1, 2, 3, 1, 2, 3}, repetitions);
        assertEquals(List.of("repeat 1", "repeat 2", "repeat 3", "repeat 1", "repeat 2", "repeat 3"),
                chosen.stream().map(Chosen::label).toList());
        assertEquals(50.0, chosen.get(0).percent());
        assertEquals(10.0, chosen.get(5).percent());
    }

    @Test
    void theSameSeedGivesTheSameGroupsAndAnotherSeedOthers() {
        SelectionPlan.Random sel = random(List.of(25.0), new int[] {25}, 5);
        assertEquals(RandomGroups.choose(sel, 100, SCOPE), RandomGroups.choose(sel, 100, SCOPE));
        assertFalse(units(RandomGroups.choose(sel, 100, SCOPE)).equals(
                units(RandomGroups.choose(sel, 100, SeedScope.of(123456790L, 0)))));
        assertFalse(units(RandomGroups.choose(sel, 100, SCOPE)).equals(
                units(RandomGroups.choose(sel, 100, SeedScope.of(123456789L, 1)))), "another layer, other groups");
    }

    @Test
    void addingAProportionOrRepetitionsDoesNotChangeTheOthersGroups() {
        List<Chosen> alone = RandomGroups.choose(random(List.of(25.0), new int[] {5}, 3), 20, SCOPE);
        List<Chosen> more = RandomGroups.choose(random(List.of(10.0, 25.0), new int[] {2, 5}, 6), 20, SCOPE);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(alone.get(k).units(), more.get(6 + k).units(), "repetition " + (k + 1));
            assertEquals(1, more.get(6 + k).proportionIndex());
        }
    }

    @Test
    void repetitionsDrawDifferentGroups() {
        List<Chosen> chosen = RandomGroups.choose(random(List.of(25.0), new int[] {25}, 10), 100, SCOPE);
        assertEquals(10, units(chosen).size(), "10 distinct groups of 25 of 100 units");
    }

    @Test
    void eachPassOfARepeatBlockDrawsAfresh() {
        SelectionPlan.Random sel = random(List.of(25.0), new int[] {25}, 1);
        Set<List<Integer>> groups = new HashSet<>();
        groups.addAll(units(RandomGroups.choose(sel, 100, SCOPE)));
        for (int pass = 1; pass <= 8; pass++) {
            List<Chosen> once = RandomGroups.choose(sel, 100, SCOPE.inPass(pass));
            assertEquals(once, RandomGroups.pass(sel, 100, SCOPE, pass), "a pass is a pure function");
            groups.addAll(units(once));
        }
        assertEquals(9, groups.size());
    }

    @Test
    void everyUnitIsEquallyLikely() {
        int[] hits = new int[20];
        int draws = 4000;
        for (int s = 0; s < draws; s++) {
            for (int u : RandomGroups.subset(s, 20, 5)) {
                hits[u]++;
            }
        }
        // each unit is in a group with probability 1/4: 1,000 expected, standard deviation about 27
        for (int u = 0; u < 20; u++) {
            assertTrue(Math.abs(hits[u] - 1000) < 150, "unit " + u + " chosen " + hits[u] + " times");
        }
    }

    @Test
    void theDrawIsPinnedSoThatAStudyChoosesTheSameUnitsInEveryVersion() {
        // the seed key is "layer 0 / 25% / 1"; a change to the key, the seed derivation or the
        // algorithm changes these units and must be a deliberate, documented change
        int[] units = RandomGroups.choose(random(List.of(25.0), new int[] {5}, 1), 20, SCOPE).get(0).units();
        assertArrayEquals(new int[] {1, 6, 8, 12, 16}, units, Arrays.toString(units));
        assertEquals("layer 0 / 25% / 1", SCOPE.key("25% / 1"));
        assertEquals("layer 0 / 25% / 1 / pass 2", SCOPE.inPass(2).key("25% / 1"));
    }

    @Test
    void aGroupCanBeTheWholeLayerButNoLarger() {
        assertArrayEquals(new int[] {0, 1, 2, 3}, RandomGroups.subset(7, 4, 4));
        assertThrows(IllegalArgumentException.class, () -> RandomGroups.subset(7, 4, 5));
    }

    private static Set<List<Integer>> units(List<Chosen> chosen) {
        Set<List<Integer>> out = new HashSet<>();
        for (Chosen c : chosen) {
            out.add(Arrays.stream(c.units()).boxed().toList());
        }
        return out;
    }
}
