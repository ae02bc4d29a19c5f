package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recover}, {@code restore} and {@code repeat} from the command line on a small MLP: a curve per variant
 * that starts at the ablated network's accuracy, damage that accumulates over the passes of a repeat block (a
 * random pick may hit units already gone, so fewer units are lost than were picked), and a rerun that repeats it all.
 */
class RecoveryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A study {@code name}.study on the tiny IDX fixture: seed 4, the data, then {@code body}. */
    private Path tinyStudy(String name, String body) throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        return Files.writeString(tmp.resolve(name + ".study"), "seed 4;\ndata idx \"" + fixtures + "\";\n" + body);
    }

    @Test
    void recoverRestoreAndRepeatRunAndRepeatThemselves() throws IOException {
        Path study = tinyStudy("recovery", "model mlp 784-16-10 relu;\ntrain 3 epochs batch 10 adam 0.01;\n"
                + "ablate layer 0 units 50% random;\n"
                + "recover 2 epochs batch 10 freeze above;\n"
                + "restore;\n"
                + "repeat 3 {\n  ablate layer 0 units 25% random;\n  recover 1 epoch batch 10 freeze above;\n}\n");
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());

        List<List<String>> ablate = CsvFiles.read(out.resolve("step-1-ablate.csv"));
        List<List<String>> curve = CsvFiles.read(out.resolve("step-2-recover.csv"));
        assertEquals(1 + 3, curve.size(), "epochs 0, 1 and 2 of the one variant");
        assertEquals(CsvFiles.cell(ablate, 1, "top1"), CsvFiles.cell(curve, 1, "top1"), "epoch 0 is the ablated network");
        assertEquals(CsvFiles.cell(ablate, 1, "units"), CsvFiles.cell(curve, 1, "units"));
        assertEquals("0.500000", CsvFiles.cell(curve, 3, "alive"));
        assertTrue(Double.parseDouble(CsvFiles.cell(curve, 3, "top1")) >= Double.parseDouble(CsvFiles.cell(curve, 1, "top1")),
                "recovery does not lose accuracy here: " + curve);

        // the repeat block's steps are 4.1 (ablate) and 4.2 (recover), one row per pass or pass and epoch
        List<List<String>> passes = CsvFiles.read(out.resolve("step-4.1-ablate.csv"));
        List<List<String>> recovered = CsvFiles.read(out.resolve("step-4.2-recover.csv"));
        assertEquals(1 + 3, passes.size());
        assertEquals(1 + 3 * 2, recovered.size());
        double[] alive = new double[3];
        for (int p = 0; p < 3; p++) {
            assertEquals(Integer.toString(p + 1), CsvFiles.cell(recovered, 1 + 2 * p, "pass"));
            assertEquals("0", CsvFiles.cell(recovered, 1 + 2 * p, "epoch"));
            // each pass starts from the last pass's recovered network, damaged further
            assertEquals(CsvFiles.cell(passes, 1 + p, "top1"), CsvFiles.cell(recovered, 1 + 2 * p, "top1"), "pass " + (p + 1));
            alive[p] = Double.parseDouble(CsvFiles.cell(recovered, 1 + 2 * p, "alive"));
        }
        assertEquals(0.75, alive[0], 1e-9, "4 of 16 units gone after the first pass");
        assertTrue(alive[1] <= alive[0] && alive[2] <= alive[1], "damage accumulates");
        assertTrue(alive[2] >= 0.25, "at most 12 of 16 units gone after three picks of 4");
        // the units removed in a lineage accumulate: the recover rows list all of them
        assertTrue(CsvFiles.cell(recovered, 5, "units").split("\\+").length >= 4);

        Reruns.assertRepeats(study, cache, out, tmp.resolve("run2"), List.of("step-1-ablate.csv",
                "step-2-recover.csv", "step-4.1-ablate.csv", "step-4.2-recover.csv"));
    }

    @Test
    void meanAndNoiseAreHeldThroughRecoveryAndEveryCurveStartsAtItsSweepRow() throws IOException {
        Path study = tinyStudy("held", "model mlp 784-16-10 relu;\ntrain 3 epochs batch 10 adam 0.01;\n"
                + "ablate layer 0 units 25% random repeat 3 using mean;\n"
                + "recover 2 epochs batch 10 freeze above;\n"
                + "ablate layer 0 units 25% random repeat 3 using noise 2.0;\n"
                + "recover 1 epoch batch 10 freeze none;\n");
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (int step : new int[] {1, 3}) {
            List<List<String>> ablate = CsvFiles.read(out.resolve("step-" + step + "-ablate.csv"));
            List<List<String>> curve = CsvFiles.read(out.resolve("step-" + (step + 1) + "-recover.csv"));
            int epochs = step == 1 ? 2 : 1;
            assertEquals(1 + 3 * (epochs + 1), curve.size(), "epochs 0.." + epochs + " of 3 variants");
            for (int v = 0; v < 3; v++) {
                int row = 1 + v * (epochs + 1);
                // the noise of variant v is seeded with v: a curve drawn with another variant's noise would differ
                assertEquals(CsvFiles.cell(ablate, 1 + v, "top1"), CsvFiles.cell(curve, row, "top1"),
                        "step " + (step + 1) + ", variant " + v + ": epoch 0 is its sweep row");
                assertEquals(CsvFiles.cell(ablate, 1 + v, "top5"), CsvFiles.cell(curve, row, "top5"));
                assertEquals(CsvFiles.cell(ablate, 1 + v, "method"), CsvFiles.cell(curve, row, "method"));
            }
        }
        assertEquals("mean", CsvFiles.cell(CsvFiles.read(out.resolve("step-2-recover.csv")), 1, "method"));
        assertEquals("noise 2.0", CsvFiles.cell(CsvFiles.read(out.resolve("step-4-recover.csv")), 1, "method"));
        Reruns.assertRepeats(study, cache, out, tmp.resolve("run2"), List.of("step-2-recover.csv",
                "step-4-recover.csv"));
    }

    @Test
    void whatMeanAndNoiseCannotHoldIsRefusedBeforeAnyWork() throws IOException {
        Path study = tinyStudy("refused", "model mlp 784-16-10 relu;\ntrain 1 epoch batch 10;\n"
                + "ablate layer 1 units each using mean;\n"
                + "recover 1 epoch;\n"
                + "ablate layer 0 units 25% random using noise 1.0;\n"
                + "recover 1 epoch regrow;\n"
                + "repeat 2 {\n  ablate layer 0 units 25% random using mean;\n}\n");
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit());
        assertTrue(r.err().contains("refused.study:6:1: error: 'recover' after 'using mean' on the output layer "
                + "(layer 1, output) is not implemented yet"), r.err());
        assertTrue(r.err().contains("refused.study:8:1: error: 'regrow' after 'using noise' has nothing to regrow"),
                r.err());
        assertTrue(r.err().contains("refused.study:10:3: error: 'using mean' in a 'repeat' of more than one pass is "
                + "not implemented yet"), r.err());
        assertTrue(!Files.exists(out), "nothing runs, so no run directory");
    }

    @Test
    void recoveryCurvesAreAveragedOverNetworks() throws IOException {
        Path study = tinyStudy("population", "model mlp 784-16-10 relu;\ntrain 3 epochs batch 10 adam 0.01;\n"
                + "instances 2;\n"
                + "ablate layer 0 units 50% random;\nrecover 1 epoch batch 10 freeze above;\n");
        Path out = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        List<List<String>> curve = CsvFiles.read(out.resolve("step-2-recover.csv"));
        assertEquals(1 + 2 * 2, curve.size(), "two networks, epochs 0 and 1");
        List<List<String>> mean = CsvFiles.read(out.resolve("step-2-recover-instances.csv"));
        assertEquals(1 + 2, mean.size(), "epochs 0 and 1");
        for (int epoch = 0; epoch <= 1; epoch++) {
            double a = Double.parseDouble(CsvFiles.cell(curve, 1 + epoch, "top1"));
            double b = Double.parseDouble(CsvFiles.cell(curve, 3 + epoch, "top1"));
            assertEquals(Integer.toString(epoch), CsvFiles.cell(mean, 1 + epoch, "epoch"));
            assertEquals("2", CsvFiles.cell(mean, 1 + epoch, "networks"));
            assertEquals((a + b) / 2, Double.parseDouble(CsvFiles.cell(mean, 1 + epoch, "top1_mean")), 1e-6);
        }
        assertTrue(r.out().contains("2. recover 1 epoch batch 10 freeze above  [2 networks"), r.out());
    }
}
