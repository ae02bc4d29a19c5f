package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code using mask}, {@code using mean} and {@code using noise σ} run from the command line on dense layers: one
 * row per variant, a complete manifest, and noise results that a second run repeats exactly.
 */
class MethodsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void maskMeanAndNoiseRunAndNoiseIsReproducible() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        Path study = tmp.resolve("methods.study");
        Files.writeString(study, "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-8-10 sigmoid;\n"
                + "train 2 epochs batch 10 adam 0.01;\n"
                + "ablate layer 0 units each using mask;\n"
                + "ablate layer 0 units each using mean;\n"
                + "ablate layer 0 units each using noise 0.5;\n"
                + "ablate layer output units each using noise 0.5;\n"
                + "ablate layer 0 units each;\n");
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (int step = 1; step <= 5; step++) {
            int units = step == 4 ? 10 : 8;
            assertEquals(1 + units, Files.readAllLines(out.resolve("step-" + step + "-ablate.csv")).size(),
                    "step " + step);
        }
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.get("status").asText());
        assertEquals(5, manifest.get("steps").size());
        assertTrue(Files.readString(out.resolve("plan.txt")).contains("noise"), "the plan names the method");
        // on a sigmoid layer, masking (output 0) is not zeroing (output sigmoid(0) = 0.5)
        assertNotEquals(body(out, 1), body(out, 5));

        Path again = tmp.resolve("run2");
        CliRunner.Result r2 = CliRunner.run("run", study.toString(), "--out", again.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r2.exit(), r2.err());
        for (int step = 1; step <= 5; step++) {
            assertEquals(Files.readString(out.resolve("step-" + step + "-ablate.csv")),
                    Files.readString(again.resolve("step-" + step + "-ablate.csv")), "step " + step);
        }
    }

    /** A step's CSV without its header and step id column, to compare the results of two steps. */
    private static String body(Path run, int step) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(run.resolve("step-" + step + "-ablate.csv")).subList(1, 9)) {
            sb.append(line.substring(line.indexOf(',') + 1)).append('\n');
        }
        return sb.toString();
    }
}
