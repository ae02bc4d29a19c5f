package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import lesion.analysis.ImportanceResult;
import lesion.analysis.RedundancyResult;
import lesion.analysis.SelectivityResult;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.ProgressListener;
import lesion.engine.TrainedModel;
import lesion.plan.Plan;
import lesion.plan.Step;
import lesion.results.Scores;
import lesion.results.StepResult;
import lesion.results.VariantRow;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyses run on one network's earlier sweeps and leave everything the evaluations use as it was: the test
 * images and labels, the initial and trained networks' parameters (bit for bit), what the trained network scores,
 * and the sweeps' rows. Without the sweeps they need, they fail with a message naming the statement.
 */
class AnalysesTest {
    @TempDir
    Path tmp;

    private static String study(String steps) {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        return "seed 5;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-6-10 relu;\ntrain 2 epochs batch 10 adam 0.01;\n"
                + steps;
    }

    private Plan plan(String text) {
        Frontend.Compiled compiled = new Frontend(ModelInspector.NONE).compile(new SourceFile("t.study", text), tmp);
        assertTrue(compiled.ok(), compiled.diagnostics().sorted().toString());
        return compiled.plan();
    }

    /** SHA-256 of every test image's values and every label, read afresh (the data set's own hash is cached). */
    private static String testSetHash(Dataset data) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < data.testSize(); i++) {
            float[] image = data.testImage(i);
            ByteBuffer buf = ByteBuffer.allocate(image.length * 4);
            buf.asFloatBuffer().put(image);
            md.update(buf.array());
        }
        for (int label : data.testLabels()) {
            md.update((byte) label);
        }
        for (int label : data.trainLabels()) {
            md.update((byte) label);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void analysesChangeNeitherTheDataNorTheNetworksNorTheRows() throws Exception {
        Plan plan = plan(study("ablate layer 0 units each;\nablate layer 0 units pairs;\n"
                + "importance layer 0 by mannwhitney;\nredundancy layer 0;\nselectivity layer 0;\n"));
        Workbench workbench = new Workbench(tmp.resolve("cache"), ProgressListener.NONE, Cancellation.none());
        Dataset data = workbench.loadData(plan);
        TrainedModel model = workbench.prepareNetwork(plan, data, s -> { }).model();
        Scores baseline = model.trained().evaluate(data);
        StepExecutor executor = new StepExecutor(ProgressListener.NONE, Cancellation.none(), null);
        List<StepResult> sweeps = new ArrayList<>();
        for (Step step : plan.steps().subList(0, 2)) {
            sweeps.add(execute(executor, step, model, data, baseline));
        }
        List<VariantRow> rowsBefore = copies(sweeps);
        String test = testSetHash(data);
        String content = data.contentHash();
        String initial = model.initial().paramsSha256();
        String trained = model.trained().paramsSha256();

        List<StepResult> analyses = new ArrayList<>();
        for (Step step : plan.steps().subList(2, 5)) {
            analyses.add(execute(executor, step, model, data, baseline));
        }
        assertInstanceOf(ImportanceResult.class, analyses.get(0).analysis());
        assertEquals(15, ((RedundancyResult) analyses.get(1).analysis()).pairs().size());
        assertEquals(10, ((SelectivityResult) analyses.get(2).analysis()).perClassStd().length);

        assertEquals(test, testSetHash(data), "test images and labels");
        assertEquals(content, data.contentHash());
        assertEquals(initial, model.initial().paramsSha256(), "initial network");
        assertEquals(trained, model.trained().paramsSha256(), "trained network");
        assertEquals(baseline, model.trained().evaluate(data), "the trained network scores as before");
        List<VariantRow> rowsAfter = sweeps.stream().flatMap(r -> r.rows().stream()).toList();
        for (int i = 0; i < rowsBefore.size(); i++) {
            VariantRow a = rowsBefore.get(i);
            VariantRow b = rowsAfter.get(i);
            assertEquals(a, b);
            assertArrayEquals(a.perClassTop1Drop(), b.perClassTop1Drop());
            assertArrayEquals(a.newlyWrongSamples(), b.newlyWrongSamples());
        }
    }

    @Test
    void withoutTheSweepsItNeedsAnAnalysisFailsNamingItsStatement() {
        Frontend.Compiled refused = new Frontend(ModelInspector.NONE).compile(new SourceFile("t.study",
                study("ablate layer 0 units each;\nredundancy layer 0;\n")), tmp);
        assertEquals("'redundancy' uses the pair ablations of layer 0, but none come before it",
                refused.diagnostics().sorted().get(0).message(), "the checker refuses such a study");
        // should the checker miss a case, the run must still end with a message, not a stack trace: the analyses
        // of a valid plan, run without the sweeps before them
        Plan plan = plan(study("ablate layer 0 units each;\nablate layer 0 units pairs;\nredundancy layer 0;\n"
                + "selectivity layer 0;\n"));
        Workbench workbench = new Workbench(tmp.resolve("cache"), ProgressListener.NONE, Cancellation.none());
        Dataset data = workbench.loadData(plan);
        TrainedModel model = workbench.prepareNetwork(plan, data, s -> { }).model();
        Scores baseline = model.trained().evaluate(data);
        StepExecutor executor = new StepExecutor(ProgressListener.NONE, Cancellation.none(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> execute(executor, plan.steps().get(3), model, data, baseline));
        assertEquals("step 4 ('selectivity layer 0;') needs the single-unit ablations of layer 0 ('ablate layer 0 "
                + "units each;' before it), but none ran on network 0", e.getMessage());
        execute(executor, plan.steps().get(0), model, data, baseline);
        e = assertThrows(IllegalArgumentException.class,
                () -> execute(executor, plan.steps().get(2), model, data, baseline));
        assertEquals("step 3 ('redundancy layer 0;') needs the pair ablations of layer 0 ('ablate layer 0 units "
                + "pairs;' before it), but none ran on network 0", e.getMessage());
    }

    private static StepResult execute(StepExecutor executor, Step step, TrainedModel model, Dataset data,
            Scores baseline) {
        StepRun run = new StepRun(step, 0);
        run.baseline = baseline;
        return executor.execute(run, model, data, 0);
    }

    /** Deep copies of the rows, so that a change to their arrays would show. */
    private static List<VariantRow> copies(List<StepResult> results) {
        return results.stream().flatMap(r -> r.rows().stream()).map(v -> new VariantRow(v.stepId(), v.layer(),
                v.layerName(), v.units().clone(), v.top1(), v.top5(), v.top1Drop(), v.top5Drop(),
                v.perClassTop1().clone(), v.perClassTop1Drop().clone(), v.newlyWrongSamples().clone(),
                v.newlyRightSamples().clone(), v.perClassNewlyWrong().clone(), v.perClassNewlyRight().clone(),
                v.selection(), v.percent(), v.method(), v.silenced())).toList();
    }
}
