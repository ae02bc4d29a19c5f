package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.engine.IdxDataset;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embed tsne} from the command line on the tiny fixture with two networks: one row per test image with its
 * label, one computation for both networks, the cache used by a second run, and the evaluations around it unchanged.
 */
class EmbedEndToEndTest {
    @TempDir
    Path tmp;

    @Test
    void embedWritesOneRowPerTestImageAndASecondRunTakesItFromTheCache() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        Path study = Files.writeString(tmp.resolve("embed.study"), "seed 3;\ndata idx \"" + fixtures
                + "\" limit train 100 test 40;\nmodel mlp 784-8-10 relu;\ntrain 1 epochs batch 10 adam 0.01;\n"
                + "instances 2;\nevaluate;\nembed tsne;\nevaluate;\n");
        String cache = tmp.resolve("cache").toString();
        Path out = tmp.resolve("run1");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1, count(r.err(), "embed: t-SNE of 40 test images, computed and cached"), r.err());
        assertTrue(r.out().contains("2. embed tsne: 40 test images in 2-D (pca 30, perplexity 13, theta 0.5, "
                + "1000 iterations, seed "), r.out());

        List<List<String>> rows = CsvFiles.read(out.resolve("step-2-embed.csv"));
        assertEquals(List.of("index", "label", "x", "y"), rows.get(0));
        assertEquals(1 + 40, rows.size(), "one row per test image");
        List<List<String>> evaluation = CsvFiles.read(out.resolve("step-1-evaluate.csv"));
        int[] labels = IdxDataset.load(fixtures).testLabels();
        for (int i = 1; i <= 40; i++) {
            assertEquals(Integer.toString(i - 1), CsvFiles.cell(rows, i, "index"));
            assertEquals(Integer.toString(labels[i - 1]), CsvFiles.cell(rows, i, "label"));
            assertTrue(Double.isFinite(Double.parseDouble(CsvFiles.cell(rows, i, "x"))));
            assertTrue(Double.isFinite(Double.parseDouble(CsvFiles.cell(rows, i, "y"))));
        }
        // the evaluations before and after the embedding see the same images
        assertEquals(CsvFiles.read(out.resolve("step-3-evaluate.csv")).subList(1, 3).stream()
                .map(row -> row.subList(1, row.size())).toList(), evaluation.subList(1, 3).stream()
                .map(row -> row.subList(1, row.size())).toList());
        assertEquals("complete", new ObjectMapper().readTree(out.resolve("manifest.json").toFile())
                .get("status").asText());

        Path again = tmp.resolve("run2");
        CliRunner.Result second = CliRunner.run("run", study.toString(), "--out", again.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, second.exit(), second.err());
        assertTrue(second.err().contains("embed: t-SNE of 40 test images, taken from the cache"), second.err());
        assertEquals(Files.readString(out.resolve("step-2-embed.csv")),
                Files.readString(again.resolve("step-2-embed.csv")));
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
