package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.results.Manifest;
import lesion.results.RunDirectory;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C in the middle of a run keeps the finished steps on disk and says which step was cut short. */
class ExecutorInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void cancellingDuringTheThirdStepKeepsTheFirstTwo() throws IOException {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        String text = "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-8-10 relu;\n"
                + "evaluate;\nablate layer 0 units each;\nablate layer 0 units pairs;\n";
        Frontend.Compiled compiled = new Frontend(ModelInspector.NONE).compile(new SourceFile("t.study", text), tmp);
        assertTrue(compiled.ok(), compiled.diagnostics().sorted().toString());

        Cancellation cancellation = new Cancellation();
        // stands in for Ctrl-C: pressed as the second sweep (step 3) starts
        ProgressListener pressCtrlC = new ProgressListener() {
            private int sweeps;

            @Override
            public void start(String task, long total, String unit) {
                if (task.startsWith("sweep") && ++sweeps == 2) {
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
        Path runDir = tmp.resolve("run");
        Executor.Outcome outcome = new Executor(tmp.resolve("cache"), pressCtrlC, cancellation,
                new PrintWriter(new StringWriter())).run(compiled.plan(), text, Path.of("t.study"),
                        RunDirectory.exactly(runDir));

        assertEquals(Manifest.RunStatus.INTERRUPTED, outcome.status());
        assertEquals("3", outcome.failedStep());
        assertEquals(2, outcome.results().size());
        assertTrue(Files.exists(runDir.resolve("step-1-evaluate.csv")));
        assertEquals(1 + 8, Files.readAllLines(runDir.resolve("step-2-ablate.csv")).size());
        assertFalse(Files.exists(runDir.resolve("step-3-ablate.csv")));
        JsonNode manifest = new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
        assertEquals("interrupted", manifest.get("status").asText());
        assertEquals("done", manifest.get("steps").get(1).get("status").asText());
        assertEquals("interrupted", manifest.get("steps").get(2).get("status").asText());
    }
}
