package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Ctrl-C in the middle of a run keeps the finished steps and the finished variants of the step cut short on disk,
 * and the manifest says which step was cut short and how far it got.
 */
class ExecutorInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void cancellingAsTheThirdStepStartsKeepsTheFirstTwo() throws IOException {
        Cancellation cancellation = new Cancellation();
        // stands in for Ctrl-C: pressed as the second sweep (step 3) starts
        ProgressListener pressCtrlC = new ExecutorFixture.InSweep(2) {
            @Override
            void sweepStarted() {
                cancellation.cancel();
            }
        };
        Executor.Outcome outcome = ExecutorFixture.run(tmp, "run", pressCtrlC, cancellation);
        Path runDir = tmp.resolve("run");

        assertEquals(Manifest.RunStatus.INTERRUPTED, outcome.status());
        assertEquals("3", outcome.failedStep());
        assertEquals("interrupted during step 3", outcome.message());
        assertEquals(2, outcome.results().size());
        assertTrue(Files.exists(runDir.resolve("step-1-evaluate.csv")));
        assertEquals(1 + ExecutorFixture.EACH, Files.readAllLines(runDir.resolve("step-2-ablate.csv")).size());
        // no variant of step 3 finished: no file rather than a header without rows
        assertFalse(Files.exists(runDir.resolve("step-3-ablate.csv")));
        JsonNode manifest = ExecutorFixture.manifest(runDir);
        assertEquals("interrupted", manifest.get("status").asText());
        JsonNode steps = manifest.get("steps");
        assertEquals("done", steps.get(1).get("status").asText());
        assertEquals(ExecutorFixture.EACH, steps.get(1).get("variants_done").asInt());
        assertEquals(ExecutorFixture.EACH, steps.get(1).get("variants_planned").asInt());
        assertEquals("interrupted", steps.get(2).get("status").asText());
        assertEquals(0, steps.get(2).get("variants_done").asInt());
        assertEquals(ExecutorFixture.PAIRS, steps.get(2).get("variants_planned").asInt());
        assertEquals(0, steps.get(2).get("outputs").size());
    }

    @Test
    void cancellingAfterFiveVariantsKeepsThoseFiveRows() throws IOException {
        Cancellation cancellation = new Cancellation();
        ProgressListener pressCtrlC = new ExecutorFixture.InSweep(2) {
            @Override
            void variantDone(int count) {
                if (count == 5) {
                    cancellation.cancel();
                }
            }
        };
        Executor.Outcome outcome = ExecutorFixture.run(tmp, "cut", pressCtrlC, cancellation);
        Path cut = tmp.resolve("cut");

        assertEquals(Manifest.RunStatus.INTERRUPTED, outcome.status());
        assertEquals("3", outcome.failedStep());
        assertEquals(2, outcome.results().size(), "the finished steps, as the CLI counts them");
        List<String> csv = Files.readAllLines(cut.resolve("step-3-ablate.csv"));
        assertEquals(1 + 5, csv.size());
        JsonNode json = new ObjectMapper().readTree(cut.resolve("step-3-ablate.json").toFile());
        assertEquals(5, json.get("instances").get(0).get("variants").size());

        // the kept rows are exactly the first five rows of an uninterrupted run
        Executor.Outcome full = ExecutorFixture.run(tmp, "full", ProgressListener.NONE, Cancellation.none());
        assertEquals(Manifest.RunStatus.COMPLETE, full.status());
        List<String> fullCsv = Files.readAllLines(tmp.resolve("full/step-3-ablate.csv"));
        assertEquals(1 + ExecutorFixture.PAIRS, fullCsv.size());
        assertEquals(fullCsv.subList(0, 6), csv);
        assertTrue(csv.get(5).contains(",0+5,"), csv.get(5));

        JsonNode manifest = ExecutorFixture.manifest(cut);
        assertEquals("interrupted", manifest.get("status").asText());
        JsonNode step3 = manifest.get("steps").get(2);
        assertEquals("interrupted", step3.get("status").asText());
        assertEquals(5, step3.get("variants_done").asInt());
        assertEquals(ExecutorFixture.PAIRS, step3.get("variants_planned").asInt());
        assertEquals("[\"step-3-ablate.csv\",\"step-3-ablate.json\",\"step-3-ablate-layers.csv\"]",
                step3.get("outputs").toString());
        JsonNode step1 = manifest.get("steps").get(0);
        assertEquals("done", step1.get("status").asText());
        assertTrue(step1.get("variants_planned").isNull(), "evaluate makes no variants");
    }
}
