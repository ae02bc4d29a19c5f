package lesion.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lesion.check.LayerInfo;
import lesion.plan.AblateStep;
import lesion.plan.EvaluateStep;
import lesion.plan.LayerAblation;
import lesion.plan.MethodPlan;
import lesion.plan.Plan;
import lesion.plan.RepeatStep;
import lesion.plan.SelectionPlan;
import lesion.source.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @TempDir
    Path dir;

    /** A clock that moves 10 seconds each time it is read. */
    static final class Ticking extends Clock {
        private Instant now = Instant.parse("2024-05-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant t = now;
            now = now.plusSeconds(10);
            return t;
        }
    }

    static Manifest manifest(Path dir) {
        return new Manifest(dir, new Ticking()).threads(2).backend(Map.of("backend", "CPU", "blas", "openblas"))
                .study("MNIST layer 1", Path.of("studies/mnist.study"), "study \"MNIST layer 1\"\n", 42)
                .dataFiles(Map.of("t10k-labels-idx1-ubyte", "bb", "t10k-images-idx3-ubyte", "aa"))
                .model("cafe", "key-1")
                .declareStep("1", "evaluate", "evaluate")
                .declareStep("2", "ablate", "ablate layer 1 each unit")
                .declareStep("3", "ablate", "ablate layer 2 each unit");
    }

    static JsonNode read(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void interruptedRunListsTheStepsThatFinished() throws IOException {
        Manifest m = manifest(dir);
        m.stepStarted("1");
        m.stepDone("1", 0.5, List.of(dir.resolve("step-1-evaluate.csv"), dir.resolve("step-1-evaluate.json")));
        m.write();

        JsonNode midway = read(dir.resolve("manifest.json"));
        assertEquals("running", midway.get("status").asText());
        assertEquals("done", midway.get("steps").get(0).get("status").asText());
        assertEquals("not run", midway.get("steps").get(1).get("status").asText());

        m.stepStarted("2");
        m.finish(Manifest.RunStatus.INTERRUPTED, "interrupted by the user");
        m.write();

        JsonNode end = read(dir.resolve("manifest.json"));
        assertEquals("interrupted", end.get("status").asText());
        assertEquals("done", end.get("steps").get(0).get("status").asText());
        assertEquals("[\"step-1-evaluate.csv\",\"step-1-evaluate.json\"]",
                end.get("steps").get(0).get("outputs").toString());
        assertEquals("interrupted", end.get("steps").get(1).get("status").asText());
        assertEquals("not run", end.get("steps").get(2).get("status").asText());
        assertTrue(end.get("ended").asText().endsWith("Z"));
    }

    @Test
    void failedRunKeepsTheErrorMessage() throws IOException {
        Manifest m = manifest(dir);
        m.stepStarted("1");
        m.stepFailed("1", 1.0, "out of memory");
        m.finish(Manifest.RunStatus.FAILED, "out of memory");
        JsonNode json = read(m.write());
        assertEquals("failed", json.get("status").asText());
        assertEquals("out of memory", json.get("error").asText());
        assertEquals("failed", json.get("steps").get(0).get("status").asText());
        assertEquals("out of memory", json.get("steps").get(0).get("error").asText());
    }

    @Test
    void recordsStudyHashEnvironmentAndTimesInAStableOrder() throws IOException {
        Manifest m = manifest(dir);
        m.finish(Manifest.RunStatus.COMPLETE, null);
        JsonNode json = read(m.write());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("lesion_version", "status", "error", "started", "ended", "seconds", "study",
                "environment", "data_files", "model", "steps"), keys);
        assertEquals(Sha256.hex("study \"MNIST layer 1\"\n"), json.get("study").get("sha256").asText());
        assertEquals(42, json.get("study").get("seed").asLong());
        assertEquals("dev", json.get("lesion_version").asText());
        assertEquals(System.getProperty("java.version"), json.get("environment").get("java_version").asText());
        assertEquals("CPU", json.get("environment").get("backend").get("backend").asText());
        // engine maps come out sorted, whatever order they were given in
        assertEquals("{\"t10k-images-idx3-ubyte\":\"aa\",\"t10k-labels-idx1-ubyte\":\"bb\"}",
                json.get("data_files").toString());
        assertEquals("key-1", json.get("model").get("cache_key").asText());
        assertEquals("2024-05-01T12:00:00Z", json.get("started").asText());
        assertEquals("2024-05-01T12:00:10Z", json.get("ended").asText());
        assertEquals(10.0, json.get("seconds").asDouble());
        assertEquals("complete", json.get("status").asText());
    }

    @Test
    void modelFileAndItsHashAreRecordedOnlyWhenTheNetworkCameFromAFile() throws IOException {
        Manifest m = manifest(dir);
        assertFalse(read(m.write()).get("model").has("file"), "a trained model has no file");
        m.modelFile(dir.resolve("nets/../net.zip"), "abc123");
        JsonNode model = read(m.write()).get("model");
        assertEquals(dir.resolve("net.zip").toAbsolutePath().toString().replace('\\', '/'), model.get("file").asText());
        assertEquals("abc123", model.get("file_sha256").asText());
    }

    @Test
    void unknownStepIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> manifest(dir).stepDone("9", 1, List.of()));
    }

    @Test
    void declaresPlanStepsWithRepeatBodiesInOrder() throws IOException {
        EvaluateStep first = new EvaluateStep("1", "evaluate", Span.NONE, 1, 10);
        EvaluateStep inner = new EvaluateStep("2.1", "evaluate", Span.NONE, 1, 10);
        RepeatStep repeat = new RepeatStep("2", "repeat 3", Span.NONE, 1, 3, List.of(inner));
        Plan plan = new Plan("t", "t.study", null, 1, true, null, null, null, 1, List.of(first, repeat));
        JsonNode json = new ObjectMapper().readTree(new Manifest(dir).declareSteps(plan).toJson());
        List<String> ids = new ArrayList<>();
        json.get("steps").forEach(s -> ids.add(s.get("id").asText() + " " + s.get("status").asText()));
        assertEquals(List.of("1 not run", "2 not run", "2.1 not run"), ids);
    }

    @Test
    void stepsOfVariantsSayHowManyWereDoneOfHowManyPlanned() throws IOException {
        Manifest m = manifest(dir);
        m.stepStarted("1");
        m.stepDone("1", 0.5, List.of(dir.resolve("step-1-evaluate.csv")));
        m.stepStarted("2", 20);
        m.stepDone("2", 1.0, List.of(dir.resolve("step-2-ablate.csv"), dir.resolve("step-2-ablate.json")), 20);
        m.stepStarted("3", 190);
        JsonNode midway = read(m.write());
        JsonNode running = midway.get("steps").get(2);
        assertEquals("running", running.get("status").asText());
        assertEquals(0, running.get("variants_done").asInt());
        assertEquals(190, running.get("variants_planned").asInt());

        m.stepInterrupted("3", 2.0, List.of(dir.resolve("step-3-ablate.csv"), dir.resolve("step-3-ablate.json")), 5);
        m.finish(Manifest.RunStatus.INTERRUPTED, "interrupted by the user during step 3");
        JsonNode end = read(m.write());
        JsonNode evaluate = end.get("steps").get(0);
        assertTrue(evaluate.get("variants_done").isNull());
        assertTrue(evaluate.get("variants_planned").isNull());
        JsonNode done = end.get("steps").get(1);
        assertEquals("done", done.get("status").asText());
        assertEquals(20, done.get("variants_done").asInt());
        assertEquals(20, done.get("variants_planned").asInt());
        JsonNode cut = end.get("steps").get(2);
        assertEquals("interrupted", cut.get("status").asText());
        assertEquals(5, cut.get("variants_done").asInt());
        assertEquals(190, cut.get("variants_planned").asInt());
        assertEquals("[\"step-3-ablate.csv\",\"step-3-ablate.json\"]", cut.get("outputs").toString());
        List<String> keys = new ArrayList<>();
        cut.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("id", "keyword", "statement", "status", "seconds", "variants_done", "variants_planned",
                "outputs"), keys);
    }

    @Test
    void declaredAblateStepsListTheirPlannedVariantsBeforeTheyRun() throws IOException {
        LayerInfo layer = new LayerInfo(0, "hidden1", "dense", new int[] {20}, 15_700, 20, false);
        AblateStep pairs = new AblateStep("1", "ablate layer 0 units pairs", Span.NONE, 1,
                List.of(new LayerAblation(layer, new SelectionPlan.Pairs(20))), MethodPlan.ZERO, List.of(), 10);
        Plan plan = new Plan("t", "t.study", null, 1, true, null, null, null, 1, List.of(pairs));
        JsonNode step = new ObjectMapper().readTree(new Manifest(dir).declareSteps(plan).toJson()).get("steps").get(0);
        assertEquals("not run", step.get("status").asText());
        assertEquals(190, step.get("variants_planned").asInt());
        assertTrue(step.get("variants_done").isNull());
    }
}
