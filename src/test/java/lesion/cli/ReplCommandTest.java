package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lesion repl} as a real process with its input piped in: it runs the statements it reads, and the study
 * that {@code :save} writes, run with {@code lesion run}, prints exactly the tables the session printed.
 */
class ReplCommandTest {
    @TempDir
    Path tmp;

    private static final Path FIXTURES = Path.of(System.getProperty("lesion.root", ".")).resolve(
            "tests/fixtures/tiny-idx").toAbsolutePath();

    /** Runs {@code lesion repl} in a new JVM with {@code input} as its standard input. */
    private Process repl(Path input) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "lesion.cli.Main", "repl",
                "--cache", tmp.resolve("cache").toString())
                .redirectInput(input.toFile())
                .redirectError(tmp.resolve("err.txt").toFile())
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .directory(tmp.toFile())
                .start();
    }

    private int finish(Process p) throws InterruptedException {
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the REPL ended at the end of its input");
        return p.exitValue();
    }

    @Test
    void aPipedSessionRunsAndItsSavedStudyReproducesItsTables() throws Exception {
        Path input = Files.writeString(tmp.resolve("session.txt"), String.join("\n",
                "seed 4;", "data idx \"" + FIXTURES + "\";", "model mlp 784-16-10 relu;",
                "train 3 epochs batch 10 adam 0.01;", "ablate layer 0 units each;", "ablate layer 0", "  units pairs;",
                "evaluate;", ":save saved.study", ""));
        int exit = finish(repl(input));
        String out = Files.readString(tmp.resolve("out.txt"));
        assertEquals(ExitCodes.OK, exit, out + Files.readString(tmp.resolve("err.txt")));
        assertTrue(out.contains("lesion> ablate layer 0\n   ...>   units pairs;\n2. ablate layer 0 units pairs\n"),
                "the two-line statement is read as one: " + out);

        Path saved = tmp.resolve("saved.study");
        assertTrue(Files.readString(saved).contains("ablate layer 0\n  units pairs;\n"), "saved as typed");
        CliRunner.Result run = CliRunner.run("run", saved.toString(), "--out", tmp.resolve("run").toString(),
                "--cache", tmp.resolve("cache").toString());
        assertEquals(ExitCodes.OK, run.exit(), run.err());
        // what the session printed, without its echoed input and its set-up and save messages
        String tables = out.lines().filter(l -> !l.startsWith("lesion> ") && !l.startsWith("   ...> ")
                && !l.startsWith("data: ") && !l.startsWith("model: ") && !l.startsWith("saved to "))
                .map(l -> l + "\n").collect(Collectors.joining());
        assertEquals(run.out(), tables);
    }

    @Test
    void aPipedSessionWithABadStatementGoesOnAndExitsWithItsCode() throws Exception {
        Path input = Files.writeString(tmp.resolve("session.txt"), String.join("\n",
                "seed 4;", "data idx \"" + FIXTURES + "\";", "model mlp 784-16-10 relu;",
                "ablate layer 3 units each;", "ablate layer 0 units 1;", ""));
        int exit = finish(repl(input));
        String out = Files.readString(tmp.resolve("out.txt"));
        assertEquals(ExitCodes.INVALID_STUDY, exit, out);
        List<String> lines = out.lines().toList();
        assertTrue(lines.contains("session:4:14: error: layer 3 does not exist: the model has layers 0..1"), out);
        assertTrue(lines.contains("1. ablate layer 0 units 1"), "the statement after the error still ran: " + out);
        assertTrue(new File(tmp.toFile(), "err.txt").exists());
    }
}
