package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VGG-19 study trains and evaluates from the command line; ablating it is refused before any work. */
class VggEndToEndTest {
    @TempDir
    Path tmp;

    private static final String HEAD = "seed 5;\ndata mnist limit train 256 test 100;\nmodel vgg19 bn width 0.0625;\n"
            + "train 1 epochs batch 32 adam 0.001;\n";

    @Test
    void trainsAndEvaluates() throws IOException {
        Path study = Files.writeString(tmp.resolve("vgg.study"), HEAD + "evaluate;\n");
        Path out = tmp.resolve("run");
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path shared = new CacheOption().resolve();
        new lesion.engine.MnistStore(shared).ensureFiles();
        Files.createSymbolicLink(cache.resolve("mnist"), shared.resolve("mnist").toAbsolutePath());
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache", cache.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("model: trained and cached"), r.err());
        assertEquals(2, Files.readAllLines(out.resolve("step-1-evaluate.csv")).size());
        assertTrue(r.out().contains("1. evaluate: top-1"), r.out());
    }

    @Test
    void ablatingItIsRefusedBeforeAnyWork() throws IOException {
        Path study = Files.writeString(tmp.resolve("vgg-ablate.study"), HEAD + "ablate layer 33 filters 10% random;\n");
        Path out = tmp.resolve("never");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit());
        assertTrue(r.err().contains("vgg-ablate.study:5:1: error: ablating a vgg19 model is not implemented yet"),
                r.err());
        assertFalse(Files.exists(out));
    }
}
