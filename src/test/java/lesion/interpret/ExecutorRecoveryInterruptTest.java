package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.results.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a recover step keeps every curve point it measured (the variants it finished retraining, and the
 * interrupted one's accuracy right after the ablation), as an uninterrupted run has them.
 */
class ExecutorRecoveryInterruptTest {
    @TempDir
    Path tmp;

    private static String study() {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        return "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-8-10 relu;\nevaluate;\n"
                + "ablate layer 0 units 25%, 50% random repeat 2;\nrecover 2 epochs batch 10 freeze above;\n";
    }

    @Test
    void cancellingTheThirdRecoveryKeepsTheFirstTwoCurves() throws IOException {
        Cancellation cancellation = new Cancellation();
        ProgressListener pressCtrlC = new ProgressListener() {
            private int recoveries;

            @Override
            public void start(String task, long total, String unit) {
                if (task.startsWith("recover") && ++recoveries == 3) {
                    cancellation.cancel();
                }
            }

            @Override
            public void advance(long n) {
            }

            @Override
            public void finish() {
            }
        };
        Executor.Outcome outcome = ExecutorFixture.run(tmp, "cut", study(), pressCtrlC, cancellation);
        assertEquals(Manifest.RunStatus.INTERRUPTED, outcome.status());
        assertEquals("3", outcome.failedStep());
        List<String> kept = Files.readAllLines(tmp.resolve("cut/step-3-recover.csv"));
        // two variants with epochs 0 to 2, and the third's epoch 0 (scored before its training was cut short)
        assertEquals(1 + 2 * 3 + 1, kept.size());
        JsonNode step = ExecutorFixture.manifest(tmp.resolve("cut")).get("steps").get(2);
        assertEquals("interrupted", step.get("status").asText());
        assertEquals(List.of("step-3-recover.csv", "step-3-recover.json"),
                List.of(step.get("outputs").get(0).asText(), step.get("outputs").get(1).asText()));

        Executor.Outcome full = ExecutorFixture.run(tmp, "full", study(), ProgressListener.NONE,
                Cancellation.none());
        assertEquals(Manifest.RunStatus.COMPLETE, full.status());
        List<String> all = Files.readAllLines(tmp.resolve("full/step-3-recover.csv"));
        assertEquals(1 + 4 * 3, all.size());
        assertEquals(all.subList(0, 8), kept, "the kept points are those of an uninterrupted run");
    }
}
