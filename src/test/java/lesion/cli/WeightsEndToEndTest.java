package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.engine.NpzFiles;
import lesion.engine.NpzFiles.Array;
import lesion.interpret.ExitCodes;
import lesion.results.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weights "w.npz"} from the command line, on the tiny IDX fixture (class c is a bright band at rows
 * 2c+4..2c+7): weights written by hand in torch's layout classify it perfectly, so the results show the file was
 * loaded as the convention says; a study that trains starts from the file and caches per file; a bad file fails the
 * run with a message naming it.
 */
class WeightsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of(System.getProperty("lesion.root", "."))
            .resolve("tests/fixtures/tiny-idx").toAbsolutePath();

    @TempDir
    Path tmp;

    /**
     * A 784-10-10 relu MLP in torch's layout: hidden unit c sums the pixels of class c's band (row c of the [out, in]
     * weight), the output layer passes unit c to class c.
     */
    private static Map<String, Array> bandDetector() {
        double[] hidden = new double[10 * 784];
        for (int c = 0; c < 10; c++) {
            for (int row = 2 * c + 4; row <= 2 * c + 7; row++) {
                for (int col = 0; col < 28; col++) {
                    hidden[c * 784 + row * 28 + col] = 1;
                }
            }
        }
        double[] identity = new double[100];
        for (int c = 0; c < 10; c++) {
            identity[c * 10 + c] = 1;
        }
        Map<String, Array> arrays = new LinkedHashMap<>();
        arrays.put("hidden1.weight", Array.f32(NpzFiles.shape(10, 784), hidden));
        arrays.put("hidden1.bias", Array.f32(NpzFiles.shape(10), new double[10]));
        arrays.put("output.weight", Array.f32(NpzFiles.shape(10, 10), identity));
        arrays.put("output.bias", Array.f32(NpzFiles.shape(10), new double[10]));
        return arrays;
    }

    private Path study(String name, String body) throws IOException {
        return Files.writeString(tmp.resolve(name), "seed 1;\ndata idx \"" + FIXTURES + "\";\n"
                + "model mlp 784-10-10 relu;\nweights \"w.npz\";\n" + body);
    }

    private CliRunner.Result run(Path study, Path out) {
        return CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
    }

    @Test
    void theStudyEvaluatesAndAblatesTheLoadedWeights() throws IOException {
        Path weights = NpzFiles.write(tmp.resolve("w.npz"), bandDetector());
        Path study = study("w.study", "evaluate;\nablate layer 0 units each;\n");
        Path out = tmp.resolve("run");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("model: weights loaded from w.npz"), r.err());

        List<String> evaluation = Files.readAllLines(out.resolve("step-1-evaluate.csv"));
        assertEquals("1,0,50,50,1.000000", evaluation.get(1).substring(0, 18), "every test image right");
        List<String> ablations = Files.readAllLines(out.resolve("step-2-ablate.csv"));
        assertEquals(1 + 10, ablations.size());
        List<String> header = List.of(ablations.get(0).split(","));
        for (int unit = 0; unit < 10; unit++) {
            List<String> row = List.of(ablations.get(1 + unit).split(","));
            assertEquals(0.0, Double.parseDouble(row.get(header.indexOf("class_" + unit + "_acc"))),
                    "removing hidden unit " + unit + " loses exactly class " + unit);
            assertEquals(90.0, Double.parseDouble(row.get(header.indexOf("top1"))) * 100, 1e-9);
        }

        JsonNode model = JSON.readTree(out.resolve("manifest.json").toFile()).get("model");
        assertEquals("w.npz", model.get("weights_file").asText());
        assertEquals(Sha256.hex(weights), model.get("weights_sha256").asText());
    }

    @Test
    void trainingStartsFromTheFileAndIsCachedPerFile() throws IOException {
        NpzFiles.write(tmp.resolve("w.npz"), bandDetector());
        Path study = study("t.study", "train 1 epochs batch 10 sgd 0.0001;\nevaluate;\n");
        CliRunner.Result first = run(study, tmp.resolve("first"));
        assertEquals(ExitCodes.OK, first.exit(), first.err());
        assertTrue(first.err().contains("model: trained and cached"), first.err());
        // a tiny learning rate keeps the perfect start perfect: training began from the file, not from the seed
        assertTrue(Files.readAllLines(tmp.resolve("first/step-1-evaluate.csv")).get(1).startsWith("1,0,50,50,"));

        CliRunner.Result second = run(study, tmp.resolve("second"));
        assertEquals(ExitCodes.OK, second.exit(), second.err());
        assertTrue(second.err().contains("taken from the cache"), second.err());

        Map<String, Array> changed = bandDetector();
        changed.put("output.bias", Array.f32(NpzFiles.shape(10), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5));
        NpzFiles.write(tmp.resolve("w.npz"), changed);
        CliRunner.Result third = run(study, tmp.resolve("third"));
        assertEquals(ExitCodes.OK, third.exit(), third.err());
        assertTrue(third.err().contains("model: trained and cached"), "another file, another model: " + third.err());
        assertFalse(JSON.readTree(tmp.resolve("third/manifest.json").toFile()).get("model").get("cache_key").asText()
                .equals(JSON.readTree(tmp.resolve("first/manifest.json").toFile()).get("model").get("cache_key")
                        .asText()));
    }

    @Test
    void aFileThatIsNotAnNpzFailsTheRunNamingIt() throws IOException {
        Path weights = Files.writeString(tmp.resolve("w.npz"), "these are not weights\n");
        Path out = tmp.resolve("bad");
        CliRunner.Result r = run(study("bad.study", "evaluate;\n"), out);
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("weights file " + weights + " is not an .npz file"), r.err());
        assertFalse(r.err().contains("Exception"), "a message, not a stack trace: " + r.err());
        assertEquals("failed", JSON.readTree(out.resolve("manifest.json").toFile()).get("status").asText());
    }

    @Test
    void weightsThatDoNotFitTheModelFailNamingTheArray() throws IOException {
        Map<String, Array> arrays = bandDetector();
        // Keras and DL4J keep dense weights as [in, out]: written so, they are the transpose of what torch writes
        arrays.put("hidden1.weight", Array.f32(NpzFiles.shape(784, 10), new double[7840]));
        Path weights = NpzFiles.write(tmp.resolve("w.npz"), arrays);
        CliRunner.Result r = run(study("shape.study", "evaluate;\n"), tmp.resolve("shape"));
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("weights file " + weights + ": the arrays do not fit the model"), r.err());
        assertTrue(r.err().contains("array 'hidden1.weight' has shape (784, 10), expected (10, 784)"), r.err());
    }

    @Test
    void weightsIntoAModelFileAreRefusedBeforeAnyWork() throws IOException {
        // the model file's own branch does not load weights: refusing keeps the file from being silently ignored
        Path net = lesion.engine.SavedModels.saveDenseNet(tmp.resolve("net.zip"));
        NpzFiles.write(tmp.resolve("w.npz"), bandDetector());
        Path study = Files.writeString(tmp.resolve("file.study"), "data idx \"" + FIXTURES + "\";\nmodel file \""
                + net + "\";\nweights \"w.npz\";\nevaluate;\n");
        Path out = tmp.resolve("never");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("file.study:3:1: error: 'weights' into a 'model file' is not implemented yet"),
                r.err());
        assertFalse(Files.exists(out));
    }
}
