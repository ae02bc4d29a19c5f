package lesion.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import lesion.check.ModelInspector;
import lesion.interpret.Frontend;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;

/** What the planner promises: seeds that do not move when other statements do, and right variant counts. */
class PlannerTest {
    private static final String HEAD = "seed 42;\ndata mnist;\nmodel mlp 784-20-10-10 relu nobias;\n";

    private static Plan plan(String text) {
        Frontend.Compiled c = new Frontend(ModelInspector.NONE).compile(new SourceFile("t.study", text), Path.of("."));
        assertTrue(c.ok(), c.diagnostics().sorted().toString());
        return c.plan();
    }

    private static long seedOf(Plan plan, String statement) {
        return plan.steps().stream().filter(s -> s.statement().equals(statement)).findFirst().orElseThrow().seed();
    }

    @Test
    void addingAStatementDoesNotChangeTheSeedsOfTheOthers() {
        Plan before = plan(HEAD + "ablate layer 0 units 25% random;\nablate layer 1 units 10% random;\n");
        Plan after = plan(HEAD + "evaluate;\nablate layer 0 units each;\nablate layer 0 units 25% random;\n"
                + "ablate layer 1 units 10% random;\n");
        for (String s : List.of("ablate layer 0 units 25% random;", "ablate layer 1 units 10% random;")) {
            assertEquals(seedOf(before, s), seedOf(after, s), s);
        }
    }

    @Test
    void theSpellingOfAStatementDoesNotChangeItsSeed() {
        Plan a = plan(HEAD + "ablate layer 0 units 10% random;\n");
        Plan b = plan(HEAD + "ABLATE Layer 0  units 10%\n   random; # the same statement\n");
        assertEquals(a.steps().get(0).seed(), b.steps().get(0).seed());
    }

    @Test
    void aRepeatedStatementGetsADifferentSeedEachTime() {
        Plan p = plan(HEAD + "ablate layer 0 units 25% random;\nablate layer 0 units 25% random;\n");
        assertNotEquals(p.steps().get(0).seed(), p.steps().get(1).seed());
    }

    @Test
    void theStudySeedChangesEveryStepSeed() {
        Plan a = plan(HEAD + "ablate layer 0 units 25% random;\n");
        Plan b = plan(HEAD.replace("seed 42", "seed 43") + "ablate layer 0 units 25% random;\n");
        assertNotEquals(a.steps().get(0).seed(), b.steps().get(0).seed());
        assertNotEquals(a.networkSeed(0), b.networkSeed(0));
    }

    @Test
    void variantCountsFollowTheSelection() {
        Plan p = plan(HEAD + "ablate layer 0 units each;\nablate layer 0 units pairs;\nablate layer 0 units 3, 5;\n"
                + "ablate layers 0..1 units 25%, 50% random repeat 3;\n");
        assertEquals(20, p.steps().get(0).variants());
        assertEquals(190, p.steps().get(1).variants());
        assertEquals(1, p.steps().get(2).variants());
        assertEquals(2 * 3 + 2 * 3, p.steps().get(3).variants());
        assertEquals(20 + 190 + 1 + 12, p.totalVariants());
        assertEquals((20 + 190 + 1 + 12) * 10_000L, p.totalForwardPasses());
    }

    @Test
    void percentagesRoundHalfUpAndNeverToZero() {
        assertEquals(5, lesion.check.Proportion.count(25, 20));
        assertEquals(1, lesion.check.Proportion.count(1, 20));
        assertEquals(3, lesion.check.Proportion.count(10, 25));
        assertEquals(64, lesion.check.Proportion.count(100, 64));
    }

    @Test
    void variantsOfEachAndPairsAreListedInOrder() {
        List<int[]> pairs = Variants.enumerate(new SelectionPlan.Pairs(4));
        assertEquals(6, pairs.size());
        assertEquals("[0, 1]", java.util.Arrays.toString(pairs.get(0)));
        assertEquals("[2, 3]", java.util.Arrays.toString(pairs.get(5)));
    }
}
