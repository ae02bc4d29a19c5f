package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code instances N} from the command line: N independently seeded networks, every step applied to each, rows
 * that carry the network, random choices of their own that a rerun repeats, and a summary over the networks
 * (mean, standard deviation, 95% interval) that agrees with the rows.
 */
class InstancesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path study() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        return Files.writeString(tmp.resolve("instances.study"), "seed 3;\ndata idx \"" + fixtures + "\";\n"
                + "model mlp 784-8-10 relu;\ntrain 2 epochs batch 10 adam 0.01;\ninstances 3;\nevaluate;\n"
                + "ablate layer 0 units each;\nablate layer 0 units 50% random repeat 2;\n");
    }

    @Test
    void everyNetworkRunsEveryStepAndTheSummaryAgreesWithTheRows() throws IOException {
        Path study = study();
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());

        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        Set<String> networks = new HashSet<>(List.of(manifest.get("model").get("sha256").asText()));
        for (JsonNode other : manifest.get("model").get("instances")) {
            networks.add(other.get("sha256").asText());
        }
        assertEquals(3, networks.size(), "three differently seeded networks");
        JsonNode step2 = manifest.get("steps").get(1);
        assertEquals(24, step2.get("variants_done").asInt());
        assertEquals(24, step2.get("variants_planned").asInt());
        assertEquals(3, step2.get("instances_done").asInt());

        List<List<String>> evaluate = CsvFiles.read(out.resolve("step-1-evaluate.csv"));
        assertEquals(4, evaluate.size(), "one row per network");
        List<List<String>> each = CsvFiles.read(out.resolve("step-2-ablate.csv"));
        assertEquals(1 + 3 * 8, each.size());
        int instance = each.get(0).indexOf("instance");
        int drop = each.get(0).indexOf("top1_drop_pp");
        int units = each.get(0).indexOf("units");

        // the summary of unit 5 over the three networks, recomputed from the rows
        double[] drops = each.subList(1, each.size()).stream().filter(row -> row.get(units).equals("5"))
                .mapToDouble(row -> Double.parseDouble(row.get(drop))).toArray();
        assertEquals(3, drops.length);
        assertEquals(Set.of("0", "1", "2"), new HashSet<>(each.subList(1, each.size()).stream()
                .map(row -> row.get(instance)).toList()));
        double mean = (drops[0] + drops[1] + drops[2]) / 3;
        double sd = Math.sqrt(((drops[0] - mean) * (drops[0] - mean) + (drops[1] - mean) * (drops[1] - mean)
                + (drops[2] - mean) * (drops[2] - mean)) / 2);
        // t(0.975, 2 degrees of freedom) = 4.302653
        double ci = 4.302653 * sd / Math.sqrt(3);
        List<List<String>> summary = CsvFiles.read(out.resolve("step-2-ablate-instances.csv"));
        List<String> header = summary.get(0);
        List<String> unit5 = summary.stream().filter(row -> row.get(header.indexOf("units")).equals("5"))
                .findFirst().orElseThrow();
        assertEquals("3", unit5.get(header.indexOf("networks")));
        assertEquals(mean, Double.parseDouble(unit5.get(header.indexOf("top1_drop_mean_pp"))), 1e-3);
        assertEquals(sd, Double.parseDouble(unit5.get(header.indexOf("top1_drop_std_pp"))), 1e-3);
        assertEquals(ci, Double.parseDouble(unit5.get(header.indexOf("top1_drop_ci95_pp"))), 2e-3);
        assertTrue(Files.exists(out.resolve("step-1-evaluate-instances.csv")));
        assertTrue(r.out().contains("[3 networks: mean ± 95% interval]"), r.out());

        // random groups: each network draws its own, and a rerun draws the same ones
        List<List<String>> random = CsvFiles.read(out.resolve("step-3-ablate.csv"));
        List<String> groups = random.subList(1, random.size()).stream().map(row -> row.get(units)).toList();
        assertEquals(6, groups.size());
        assertNotEquals(groups.subList(0, 2), groups.subList(2, 4), "network 1 draws other groups than network 0");
        Reruns.assertRepeats(study, cache, out, tmp.resolve("run2"), List.of("step-1-evaluate.csv",
                "step-2-ablate.csv", "step-3-ablate.csv", "step-2-ablate-instances.csv"));
    }

    @Test
    void instancesOfOneNetworkMatchAStudyWithoutInstances() throws IOException {
        // network 0 of 'instances 3' is the network of the same study without 'instances'
        Path study = study();
        Path single = Files.writeString(tmp.resolve("single.study"),
                Files.readString(study).replace("instances 3;\n", ""));
        String cache = tmp.resolve("cache").toString();
        CliRunner.Result a = CliRunner.run("run", study.toString(), "--out", tmp.resolve("a").toString(), "--cache",
                cache);
        CliRunner.Result b = CliRunner.run("run", single.toString(), "--out", tmp.resolve("b").toString(), "--cache",
                cache);
        assertEquals(ExitCodes.OK, a.exit(), a.err());
        assertEquals(ExitCodes.OK, b.exit(), b.err());
        List<List<String>> three = CsvFiles.read(tmp.resolve("a/step-3-ablate.csv"));
        List<List<String>> one = CsvFiles.read(tmp.resolve("b/step-3-ablate.csv"));
        assertEquals(one.subList(1, one.size()), three.subList(1, 3), "network 0's random groups and scores");
    }
}
