package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;

/** {@code lesion bench} with tiny sizes: it prints every figure and the sweeps agree. Times are not checked. */
class BenchCommandTest {

    @Test
    void tinyMlpAndRecoveryPrintTheirFigures() {
        Path cache = new CacheOption().resolve();
        CliRunner.Result r = CliRunner.run("bench", "mlp", "recovery", "--images", "100", "--train-images", "500",
                "--train-epochs", "0", "--repeat", "1", "--matmul-size", "64", "--cache", cache.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (String line : new String[] {"cpu:", "cores:", "java:", "nd4j backend:", "blas vendor:",
            "OMP_NUM_THREADS:", "platform extension:", "matmul rate:", "== mlp", "Lesion sweep (best of 1):",
            "naive DL4J loop (once):", "ratio naive / Lesion:", "min FLOPs of the sweep:", "Lesion's rate:",
            "naive loop's rate:", "== recovery",
            "Lesion recovery (once):", "plain DL4J fit (once):", "plain fit's rate:", "total:"}) {
            assertTrue(r.out().contains(line), "missing '" + line + "' in\n" + r.out());
        }
        assertTrue(r.out().matches("(?s).*agree: +210/210 variants\n.*"), "the sweeps disagree:\n" + r.out());
        assertTrue(r.out().contains("100 test images"), r.out());
    }

    @Test
    void unknownWorkloadIsAUsageError() {
        CliRunner.Result r = CliRunner.run("bench", "resnet");
        assertEquals(ExitCodes.USAGE, r.exit());
        assertTrue(r.err().contains("unknown workload 'resnet'"), r.err());
    }
}
