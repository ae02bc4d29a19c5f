package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.results.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure in the middle of a run, expected or not, ends the run as {@code failed} with a message instead of a
 * stack trace, and leaves a manifest that says so; the manifest also shows a step as running while it runs.
 */
class ExecutorFailureTest {
    @TempDir
    Path tmp;

    @Test
    void unexpectedErrorInASweepIsRecordedAsAFailureOfThatStep() throws IOException {
        ProgressListener buggy = new ExecutorFixture.InSweep(2) {
            @Override
            void variantDone(int count) {
                if (count == 3) {
                    throw new IllegalStateException("boom");
                }
            }
        };
        Executor.Outcome outcome = ExecutorFixture.run(tmp, "run", buggy, Cancellation.none());
        Path runDir = tmp.resolve("run");

        assertEquals(Manifest.RunStatus.FAILED, outcome.status());
        assertEquals("3", outcome.failedStep());
        assertTrue(outcome.message().startsWith("unexpected java.lang.IllegalStateException: boom during step 3"),
                outcome.message());
        assertEquals(2, outcome.results().size());
        JsonNode manifest = ExecutorFixture.manifest(runDir);
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(outcome.message(), manifest.get("error").asText());
        JsonNode step3 = manifest.get("steps").get(2);
        assertEquals("failed", step3.get("status").asText());
        assertEquals(outcome.message(), step3.get("error").asText());
        assertEquals(3, step3.get("variants_done").asInt());
        // the variants finished before the failure are kept
        assertEquals(1 + 3, Files.readAllLines(runDir.resolve("step-3-ablate.csv")).size());
        assertEquals("done", manifest.get("steps").get(1).get("status").asText());
    }

    @Test
    void runningOutOfMemorySaysWhatToTry() throws IOException {
        ProgressListener hungry = new ExecutorFixture.InSweep(2) {
            @Override
            void variantDone(int count) {
                if (count == 3) {
                    throw new OutOfMemoryError("Java heap space");
                }
            }
        };
        Executor.Outcome outcome = ExecutorFixture.run(tmp, "run", hungry, Cancellation.none());
        Path runDir = tmp.resolve("run");

        assertEquals(Manifest.RunStatus.FAILED, outcome.status());
        assertEquals("3", outcome.failedStep());
        assertEquals("out of memory during step 3; try a smaller selection, a `limit test M`, or more heap via "
                + "LESION_JAVA_OPTS=-Xmx…", outcome.message());
        JsonNode manifest = ExecutorFixture.manifest(runDir);
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(outcome.message(), manifest.get("error").asText());
        JsonNode step3 = manifest.get("steps").get(2);
        assertEquals("failed", step3.get("status").asText());
        assertEquals(3, step3.get("variants_done").asInt());
        assertEquals(ExecutorFixture.PAIRS, step3.get("variants_planned").asInt());
        // its rows were dropped to free memory: nothing written for the step
        assertEquals(0, step3.get("outputs").size());
        assertFalse(Files.exists(runDir.resolve("step-3-ablate.csv")));
        assertTrue(Files.exists(runDir.resolve("step-2-ablate.csv")));
    }

    @Test
    void manifestShowsTheStepRunningWhileItRuns() throws IOException {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        Path runDir = tmp.resolve("run");
        ProgressListener peek = new ExecutorFixture.InSweep(2) {
            @Override
            void sweepStarted() {
                // what a user (or a run killed at this point) finds on disk
                seen.set(ExecutorFixture.manifest(runDir));
            }
        };
        assertEquals(Manifest.RunStatus.COMPLETE,
                ExecutorFixture.run(tmp, "run", peek, Cancellation.none()).status());

        JsonNode midway = seen.get();
        assertEquals("running", midway.get("status").asText());
        JsonNode step3 = midway.get("steps").get(2);
        assertEquals("running", step3.get("status").asText());
        assertEquals(0, step3.get("variants_done").asInt());
        assertEquals(ExecutorFixture.PAIRS, step3.get("variants_planned").asInt());
        assertEquals("done", midway.get("steps").get(1).get("status").asText());

        JsonNode end = ExecutorFixture.manifest(runDir);
        assertEquals("complete", end.get("status").asText());
        assertEquals(ExecutorFixture.PAIRS, end.get("steps").get(2).get("variants_done").asInt());
    }

    @Test
    void recordedThreadsAreOmpNumThreadsWhenSetElseWhatNd4jUses() {
        Map<String, String> nd4jTwo = Map.of("nd4j.threads", "2");
        assertEquals(3, Executor.threads("3", nd4jTwo));
        assertEquals(4, Executor.threads(" 4 ", nd4jTwo));
        assertEquals(2, Executor.threads(null, nd4jTwo));
        assertEquals(2, Executor.threads("", nd4jTwo));
        assertEquals(2, Executor.threads("many", nd4jTwo));
        assertEquals(Runtime.getRuntime().availableProcessors(),
                Executor.threads(null, Map.of("nd4j.threads", "unknown")));
    }

    @Test
    void manifestThreadsAgreeWithItsBackendSection() throws IOException {
        ExecutorFixture.run(tmp, "run", ProgressListener.NONE, Cancellation.none());
        JsonNode env = ExecutorFixture.manifest(tmp.resolve("run")).get("environment");
        String omp = env.get("backend").get("omp_num_threads").asText();
        int expected = omp.equals("unset") ? env.get("backend").get("nd4j.threads").asInt() : Integer.parseInt(omp);
        assertTrue(env.get("threads").isInt());
        assertEquals(expected, env.get("threads").asInt());
    }
}
