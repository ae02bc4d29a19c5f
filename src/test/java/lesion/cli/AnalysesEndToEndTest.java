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
 * {@code importance}, {@code redundancy} and {@code selectivity} from the command line on two small networks: their
 * files hold a row per network and unit, pair or class that agrees with the sweeps they read, the instances files
 * summarise the networks, importance keeps the first network's weights as images, the summary has a section for
 * each, and a rerun writes them byte for byte again.
 */
class AnalysesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNITS = 6;
    private static final int PAIRS = UNITS * (UNITS - 1) / 2;

    @TempDir
    Path tmp;

    @Test
    void analysesWriteTheirFilesFromTheSweepsAndRepeatThemselves() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        Path study = Files.writeString(tmp.resolve("analyses.study"), "seed 7;\ndata idx \"" + fixtures + "\";\n"
                + "model mlp 784-" + UNITS + "-10 relu;\ntrain 2 epochs batch 10 adam 0.01;\ninstances 2;\n"
                + "ablate layer 0 units each;\nablate layer 0 units pairs;\nimportance layer 0 by mannwhitney;\n"
                + "redundancy layer 0;\nselectivity layer hidden1;\n");
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals("complete", JSON.readTree(out.resolve("manifest.json").toFile()).get("status").asText());
        List<List<String>> each = CsvFiles.read(out.resolve("step-1-ablate.csv"));
        List<List<String>> pairs = CsvFiles.read(out.resolve("step-2-ablate.csv"));

        List<List<String>> importance = CsvFiles.read(out.resolve("step-3-importance.csv"));
        assertEquals(List.of("step", "instance", "layer", "layer_name", "unit", "u", "p_value", "log10_p",
                "p_clamped", "top1_drop_pp"), importance.get(0));
        assertEquals(1 + 2 * UNITS, importance.size(), "a row per network and unit");
        for (int row = 1; row <= 2 * UNITS; row++) {
            // the sweep writes its rows in unit order, network after network, like the analysis
            assertEquals(CsvFiles.cell(each, row, "units"), CsvFiles.cell(importance, row, "unit"));
            assertEquals(CsvFiles.cell(each, row, "instance"), CsvFiles.cell(importance, row, "instance"));
            assertEquals(CsvFiles.cell(each, row, "top1_drop_pp"), CsvFiles.cell(importance, row, "top1_drop_pp"));
            double p = Double.parseDouble(CsvFiles.cell(importance, row, "p_value"));
            assertTrue(p > 0 && p <= 1, "p = " + p);
            assertEquals(Math.log10(p), Double.parseDouble(CsvFiles.cell(importance, row, "log10_p")), 1e-5);
        }
        List<List<String>> correlations = CsvFiles.read(out.resolve("step-3-importance-correlations.csv"));
        assertEquals(1 + 2, correlations.size(), "a row per network");
        assertEquals(Integer.toString(UNITS), CsvFiles.cell(correlations, 1, "units"));
        List<List<String>> coefficients = CsvFiles.read(out.resolve("step-3-importance-instances.csv"));
        assertEquals(List.of("pearson_r", "spearman_rho"), List.of(CsvFiles.cell(coefficients, 1, "coefficient"),
                CsvFiles.cell(coefficients, 2, "coefficient")));
        double r0 = Double.parseDouble(CsvFiles.cell(correlations, 1, "pearson_r"));
        double r1 = Double.parseDouble(CsvFiles.cell(correlations, 2, "pearson_r"));
        assertEquals("2", CsvFiles.cell(coefficients, 1, "networks"));
        assertEquals((r0 + r1) / 2, Double.parseDouble(CsvFiles.cell(coefficients, 1, "mean")), 1e-6);
        assertEquals(Math.min(r0, r1), Double.parseDouble(CsvFiles.cell(coefficients, 1, "min")), 1e-6);
        assertEquals(Math.max(r0, r1), Double.parseDouble(CsvFiles.cell(coefficients, 1, "max")), 1e-6);
        JsonNode weights = JSON.readTree(out.resolve("step-3-importance-weights.json").toFile());
        assertEquals(28, weights.get("side").asInt(), "784 inputs form a 28 × 28 image");
        assertEquals(0, weights.get("instance").asInt(), "the first network's weights");
        assertEquals(UNITS, weights.get("units_shown").asInt());
        assertEquals(UNITS, weights.get("initial").size());
        assertEquals(784, weights.get("trained").get(UNITS - 1).size());
        assertTrue(!weights.get("initial").get(0).equals(weights.get("trained").get(0)), "training moved them");

        List<List<String>> redundancy = CsvFiles.read(out.resolve("step-4-redundancy.csv"));
        assertEquals(1 + 2 * PAIRS, redundancy.size(), "a row per network and pair");
        assertTrue(redundancy.get(0).containsAll(List.of("units", "pair_drop_pp", "singles_sum_pp", "excess_pp",
                "lost_together", "class_9_pair_drop_pp", "class_9_singles_sum_pp", "class_9_excess_pp")));
        JsonNode redundancyJson = JSON.readTree(out.resolve("step-4-redundancy.json").toFile());
        for (int row = 1; row <= 2 * PAIRS; row++) {
            assertEquals(CsvFiles.cell(pairs, row, "units"), CsvFiles.cell(redundancy, row, "units"));
            assertEquals(CsvFiles.cell(pairs, row, "top1_drop_pp"), CsvFiles.cell(redundancy, row, "pair_drop_pp"));
            String[] units = CsvFiles.cell(redundancy, row, "units").split("\\+");
            int base = row <= PAIRS ? 0 : UNITS;
            double sum = Double.parseDouble(CsvFiles.cell(each, base + 1 + Integer.parseInt(units[0]), "top1_drop_pp"))
                    + Double.parseDouble(CsvFiles.cell(each, base + 1 + Integer.parseInt(units[1]), "top1_drop_pp"));
            assertEquals(sum, Double.parseDouble(CsvFiles.cell(redundancy, row, "singles_sum_pp")), 1e-3);
            JsonNode pair = redundancyJson.get("instances").get(row <= PAIRS ? 0 : 1).get("pairs")
                    .get((row - 1) % PAIRS);
            assertEquals(CsvFiles.cell(redundancy, row, "lost_together"),
                    Integer.toString(pair.get("lost_together_samples").size()));
        }

        List<List<String>> selectivity = CsvFiles.read(out.resolve("step-5-selectivity.csv"));
        assertEquals(1 + 2 * 10, selectivity.size(), "a row per network and class");
        List<List<String>> classes = CsvFiles.read(out.resolve("step-5-selectivity-instances.csv"));
        assertEquals(1 + 10, classes.size());
        for (int c = 0; c < 10; c++) {
            double a = Double.parseDouble(CsvFiles.cell(selectivity, 1 + c, "drop_std_pp"));
            double b = Double.parseDouble(CsvFiles.cell(selectivity, 11 + c, "drop_std_pp"));
            assertEquals(Integer.toString(c), CsvFiles.cell(classes, 1 + c, "class"));
            assertEquals((a + b) / 2, Double.parseDouble(CsvFiles.cell(classes, 1 + c, "drop_std_mean_pp")), 1e-3);
        }

        assertTrue(r.out().contains("3. importance layer 0 by mannwhitney  [2 networks]"), r.out());
        assertTrue(r.out().contains("Pearson r"), r.out());
        assertTrue(r.out().contains("4. redundancy layer 0  [2 networks]\n  network 0: layer 0 (hidden1), 15 pairs"),
                r.out());
        assertTrue(r.out().contains("5. selectivity layer hidden1  [2 networks]"), r.out());

        Reruns.assertRepeats(study, cache, out, tmp.resolve("run2"), List.of("step-3-importance.csv",
                "step-3-importance-correlations.csv", "step-3-importance-instances.csv",
                "step-3-importance-weights.json", "step-4-redundancy.csv",
                "step-5-selectivity.csv", "step-5-selectivity-instances.csv"));
        for (String json : List.of("step-3-importance.json", "step-4-redundancy.json", "step-5-selectivity.json")) {
            // the same but for the seconds each step took
            assertEquals(Files.readString(out.resolve(json)).replaceAll("\"seconds\" : [0-9.E-]+", ""),
                    Files.readString(tmp.resolve("run2").resolve(json)).replaceAll("\"seconds\" : [0-9.E-]+", ""),
                    json);
        }
    }
}
