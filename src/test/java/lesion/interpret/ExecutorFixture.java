package lesion.interpret;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.results.RunDirectory;
import lesion.source.SourceFile;

/**
 * The study the executor tests run: the tiny IDX fixture, an untrained 784-8-10 MLP, then step 1 {@code evaluate},
 * step 2 the 8 single units of layer 0 and step 3 its 28 pairs.
 */
final class ExecutorFixture {
    static final int EACH = 8;
    static final int PAIRS = 28;

    private ExecutorFixture() {
    }

    static String study() {
        Path fixtures = Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx")
                .toAbsolutePath();
        return "seed 1;\ndata idx \"" + fixtures + "\";\nmodel mlp 784-8-10 relu;\n"
                + "evaluate;\nablate layer 0 units each;\nablate layer 0 units pairs;\n";
    }

    /** Runs the study into {@code tmp/<name>} with the given listener and cancellation. */
    static Executor.Outcome run(Path tmp, String name, ProgressListener listener, Cancellation cancellation)
            throws IOException {
        return run(tmp, name, study(), listener, cancellation);
    }

    /** Runs the study {@code text} into {@code tmp/<name>} with the given listener and cancellation. */
    static Executor.Outcome run(Path tmp, String name, String text, ProgressListener listener,
            Cancellation cancellation) throws IOException {
        Frontend.Compiled compiled = new Frontend(ModelInspector.NONE).compile(new SourceFile("t.study", text), tmp);
        assertTrue(compiled.ok(), compiled.diagnostics().sorted().toString());
        return new Executor(tmp.resolve("cache"), listener, cancellation, new PrintWriter(new StringWriter()))
                .run(compiled.plan(), text, Path.of("t.study"), RunDirectory.exactly(tmp.resolve(name)));
    }

    static JsonNode manifest(Path runDir) {
        try {
            return new ObjectMapper().readTree(runDir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A listener that calls {@link #variantDone} for each variant of the {@code sweep}-th sweep (1-based). */
    abstract static class InSweep implements ProgressListener {
        private final int sweep;
        private int sweeps;
        private int done;

        InSweep(int sweep) {
            this.sweep = sweep;
        }

        @Override
        public void start(String task, long total, String unit) {
            if (task.startsWith("sweep") && ++sweeps == sweep) {
                sweepStarted();
            }
        }

        @Override
        public void advance(long n) {
            if (sweeps == sweep) {
                done += (int) n;
                variantDone(done);
            }
        }

        @Override
        public void finish() {
        }

        void sweepStarted() {
        }

        void variantDone(int count) {
        }
    }
}
