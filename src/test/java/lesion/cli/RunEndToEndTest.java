package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code lesion run} from the command line on real MNIST (a subset): the run directory holds the
 * study, plan, manifest and one CSV and JSON per step with the right number of rows, and a second
 * run takes the trained model from the cache.
 */
class RunEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** A model cache of this test's own, sharing the user's verified data files (fetched once if missing). */
    private Path freshCache() throws IOException {
        Path shared = new lesion.cli.CacheOption().resolve();
        new lesion.engine.MnistStore(shared).ensureFiles();
        new lesion.engine.FashionStore(shared).ensureFiles();
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        for (String data : List.of("mnist", "fashion")) {
            Files.createSymbolicLink(cache.resolve(data), shared.resolve(data).toAbsolutePath());
        }
        return cache;
    }

    @Test
    void fashionMnistRuns() throws IOException {
        Path study = study("fashion.study", "seed 2;\ndata fashion limit train 1000 test 200;\n"
                + "model mlp 784-16-10 relu;\ntrain 1 epochs;\nevaluate;\nablate layer 0 units each;\n");
        Path out = tmp.resolve("fashion-run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                freshCache().toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("data: fashion, 1,000 training and 200 test images"), r.err());
        assertEquals(1 + 16, Files.readAllLines(out.resolve("step-2-ablate.csv")).size());
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals(10, manifest.get("data_files").size(), "the ten class files and their hashes");
    }

    private Path study(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void sweepOfEachAndPairsLeavesAllRowsOnDisk() throws IOException {
        Path study = study("small.study", """
                study "small mlp";
                seed 3;
                data mnist limit train 3000 test 1000;
                model mlp 784-20-10-10 relu nobias;
                train 1 epochs batch 64 adam 0.001;
                evaluate;
                ablate layer 0 units each;
                ablate layer 0 units pairs;
                """);
        Path out = tmp.resolve("run1");
        String cache = freshCache().toString();
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("model: trained and cached"), r.err());
        for (String f : List.of("study.study", "plan.txt", "manifest.json", "step-1-evaluate.csv",
                "step-2-ablate.csv", "step-2-ablate.json", "step-3-ablate.csv", "step-3-ablate.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing; run printed:\n" + r.err());
        }
        assertEquals(Files.readString(study), Files.readString(out.resolve("study.study")));
        // header + one line per variant
        assertEquals(1 + 20, Files.readAllLines(out.resolve("step-2-ablate.csv")).size());
        assertEquals(1 + 190, Files.readAllLines(out.resolve("step-3-ablate.csv")).size());
        JsonNode pairs = JSON.readTree(out.resolve("step-3-ablate.json").toFile());
        JsonNode variants = pairs.get("instances").get(0).get("variants");
        assertEquals(190, variants.size());
        assertEquals(2, variants.get(0).get("units").size());
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        assertEquals(3, manifest.get("steps").size());
        assertEquals(64, manifest.get("model").get("sha256").asText().length());
        assertTrue(r.out().contains("largest drops"), r.out());

        // the same study again: the trained network comes from the cache and the results are identical
        Path out2 = tmp.resolve("run2");
        CliRunner.Result again = CliRunner.run("run", study.toString(), "--out", out2.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, again.exit(), again.err());
        assertTrue(again.err().contains("taken from the cache"), again.err());
        assertEquals(Files.readString(out.resolve("step-3-ablate.csv")), Files.readString(out2.resolve("step-3-ablate.csv")));
    }

    @Test
    void idxDataRunsWithoutAnyDownload() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx").toAbsolutePath();
        Path study = study("tiny.study", "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-6-10 relu;\n"
                + "train 2 epochs batch 10 adam 0.01;\nablate layers all units each;\n");
        Path out = tmp.resolve("tiny");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1 + 6 + 10, Files.readAllLines(out.resolve("step-1-ablate.csv")).size());
    }

    @Test
    void randomRankedAndSimilarSelectionsRunOnDenseLayers() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx").toAbsolutePath();
        Path study = study("select.study", "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-8-10 relu;\n"
                + "train 2 epochs batch 10 adam 0.01;\n"
                + "ablate layer 0 units 25% random repeat 3;\n"
                + "ablate layer 0 units 10%, 25% by magnitude;\n"
                + "ablate layer 0 groups 25% by similarity sample 4;\n"
                + "ablate layer 0 units 50% by mannwhitney;\n");
        Path out = tmp.resolve("select");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        JsonNode random = JSON.readTree(out.resolve("step-1-ablate.json").toFile()).get("instances").get(0)
                .get("variants");
        assertEquals(3, random.size());
        for (JsonNode v : random) {
            assertEquals(2, v.get("units").size(), "25% of 8 units");
            assertEquals(25.0, v.get("percent").asDouble());
        }
        assertEquals("repeat 1", random.get(0).get("selection").asText());
        JsonNode ranked = JSON.readTree(out.resolve("step-2-ablate.json").toFile()).get("instances").get(0)
                .get("variants");
        assertEquals(1, ranked.get(0).get("units").size(), "10% of 8 rounds to 1");
        assertEquals(2, ranked.get(1).get("units").size());
        // the smallest-L1 unit is also among the two smallest
        assertTrue(ranked.get(1).get("units").toString().contains(ranked.get(0).get("units").get(0).asText()));
        JsonNode similar = JSON.readTree(out.resolve("step-3-ablate.json").toFile()).get("instances").get(0)
                .get("variants");
        assertEquals(4, similar.size());
        for (JsonNode v : similar) {
            int reference = Integer.parseInt(v.get("selection").asText().replace("reference ", ""));
            assertTrue(v.get("units").toString().matches(".*\\b" + reference + "\\b.*"), "the reference is in its group");
        }
        assertEquals(1 + 1, Files.readAllLines(out.resolve("step-4-ablate.csv")).size());
        assertTrue(Files.readAllLines(out.resolve("step-4-ablate.csv")).get(0).contains("selection,percent"));

        // the same study again gives the same choices
        Path again = tmp.resolve("select-again");
        assertEquals(ExitCodes.OK, CliRunner.run("run", study.toString(), "--out", again.toString(), "--cache",
                tmp.resolve("cache").toString()).exit());
        for (int step = 1; step <= 4; step++) {
            assertEquals(Files.readString(out.resolve("step-" + step + "-ablate.csv")),
                    Files.readString(again.resolve("step-" + step + "-ablate.csv")));
        }
    }

    @Test
    void statementsNotImplementedYetAreRefusedBeforeAnyWork() throws IOException {
        Path study = study("recover.study", "seed 1;\ndata mnist limit train 100 test 100;\n"
                + "model mlp 784-20-10 relu;\ntrain 1 epoch;\nablate layer 0 units each;\n"
                + "ablate layer 0 units 10% random using mean;\nrecover 2 epochs freeze above regrow;\n"
                + "importance layer 0 by mannwhitney;\nreport \"out\";\n"
                + "repeat 2 {\n  ablate layer 0 units each;\n  selectivity layer 0;\n}\nselectivity layer 0;\n");
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit());
        assertTrue(r.err().contains("recover.study:7:1: error: 'regrow' after 'using mean' has nothing to regrow"),
                r.err());
        assertFalse(r.err().contains("recover.study:8:1"), "importance runs: " + r.err());
        assertFalse(r.err().contains("recover.study:9:1"), "report runs: " + r.err());
        assertTrue(r.err().contains("recover.study:12:3: error: 'selectivity' in a 'repeat' of more than one pass is "
                + "not implemented yet"), r.err());
        assertTrue(r.err().contains("recover.study:14:1: error: 'selectivity' of a 'units each' sweep in a 'repeat' "
                + "of more than one pass is not implemented yet"), r.err());
        assertFalse(Files.exists(out), "nothing runs, so no run directory");
    }

    @Test
    void corruptDataFailsWithTheFileNamedAndKeepsTheRunRecord() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("bad-idx"));
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx");
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.copy(fixtures.resolve(f), data.resolve(f));
        }
        byte[] images = Files.readAllBytes(data.resolve("t10k-images-idx3-ubyte"));
        Files.write(data.resolve("t10k-images-idx3-ubyte"), java.util.Arrays.copyOf(images, images.length - 100));
        Path study = study("bad.study", "data idx \"bad-idx\";\nmodel mlp 784-6-10 relu;\nevaluate;\n");
        Path out = tmp.resolve("bad-run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit());
        assertTrue(r.err().contains("t10k-images-idx3-ubyte"), r.err());
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("failed", manifest.get("status").asText());
    }

    @Test
    void missingStudyFileAndBadUsageHaveTheirOwnExitCodes() {
        CliRunner.Result missing = CliRunner.run("run", tmp.resolve("nope.study").toString());
        assertEquals(ExitCodes.NO_INPUT, missing.exit());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(ExitCodes.USAGE, CliRunner.run("run").exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run("frobnicate").exit());
        assertEquals(ExitCodes.USAGE, CliRunner.run().exit());
    }

    @Test
    void aByteOrderMarkAtTheStartIsNotAnError() throws IOException {
        Path study = study("bom.study", "\uFEFFseed 1;\ndata mnist;\nmodel mlp 784-20-10 relu;\nevaluate;\n");
        CliRunner.Result r = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
    }
}
