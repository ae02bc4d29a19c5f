package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VGG-19 study trains, evaluates and ablates filters from the command line. */
class VggEndToEndTest {
    @TempDir
    Path tmp;

    private static final String HEAD = "seed 5;\ndata mnist limit train 256 test 100;\nmodel vgg19 bn width 0.0625;\n"
            + "train 1 epochs batch 32 adam 0.001;\n";

    @Test
    void trainsAndEvaluates() throws IOException {
        Path study = Files.writeString(tmp.resolve("vgg.study"), HEAD + "evaluate;\n");
        Path out = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                cacheWithMnist().toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("model: trained and cached"), r.err());
        assertEquals(2, Files.readAllLines(out.resolve("step-1-evaluate.csv")).size());
        assertTrue(r.out().contains("1. evaluate: top-1"), r.out());
    }

    @Test
    void ablatesFilterGroupsInEveryConvLayerAndSummarisesThemPerLayer() throws IOException {
        Path study = Files.writeString(tmp.resolve("vgg-ablate.study"), HEAD
                + "ablate layers 0..10 groups 25%, 50% by similarity sample 2;\n"
                + "ablate layer 3 filters 50% random using mask;\n");
        Path out = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                cacheWithMnist().toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        // layers 0, 3, 7 and 10 are the convolutions among 0..10: 2 proportions x 2 references each
        List<String> rows = Files.readAllLines(out.resolve("step-1-ablate.csv"));
        assertEquals(1 + 4 * 2 * 2, rows.size());
        List<String> header = List.of(rows.get(0).split(","));
        for (String row : rows.subList(1, rows.size())) {
            List<String> cells = List.of(row.split(","));
            assertEquals("zero", cells.get(header.indexOf("method")));
            assertTrue(List.of("yes", "no").contains(cells.get(header.indexOf("silenced"))), row);
        }
        List<String> layers = Files.readAllLines(out.resolve("step-1-ablate-layers.csv"));
        assertEquals(1 + 4 * 2, layers.size(), "one row per conv layer and proportion");
        assertTrue(layers.get(1).startsWith("1,0,0,features.0,25,1,2,"), layers.get(1));
        assertTrue(layers.get(8).startsWith("1,0,10,features.10,50,4,2,"), layers.get(8));
        assertTrue(r.out().contains("mean drop per layer and proportion"), r.out());
        // mask forces the filters' outputs to 0: the run records them as silenced
        List<String> masked = Files.readAllLines(out.resolve("step-2-ablate.csv"));
        assertEquals("yes", masked.get(1).split(",")[List.of(masked.get(0).split(",")).indexOf("silenced")]);
    }

    /** A fresh model cache in which MNIST (from the shared cache) is already present. */
    private Path cacheWithMnist() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path shared = new CacheOption().resolve();
        new lesion.engine.MnistStore(shared).ensureFiles();
        Files.createSymbolicLink(cache.resolve("mnist"), shared.resolve("mnist").toAbsolutePath());
        return cache;
    }
}
