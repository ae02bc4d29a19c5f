package lesion.repl;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import lesion.check.ModelInspector;
import lesion.engine.Cancellation;
import lesion.engine.ProgressListener;
import lesion.golden.Golden;
import lesion.interpret.Session;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripted REPL sessions: every {@code tests/repl/*.session} is typed into the REPL on a dumb terminal (as when
 * input is piped in) and what it prints, followed by the exit code, must be exactly its {@code .expected} file.
 * Each session has a cache of its own, so its networks are trained afresh and the output never depends on order,
 * and a folder of its own, {@code $WORK} in the session and {@code <work>} in its output.
 */
class ReplGoldenTest {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> scriptedSessionsPrintWhatTheyDid() throws IOException {
        Path dir = Golden.root().resolve("tests/repl");
        List<Path> sessions;
        try (Stream<Path> files = Files.list(dir)) {
            sessions = files.filter(p -> p.toString().endsWith(".session")).sorted().toList();
        }
        if (sessions.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("tests/repl", () -> fail("no .session files in " + dir)));
        }
        return sessions.stream().map(s -> DynamicTest.dynamicTest(Golden.name(s), s.toUri(),
                () -> Golden.check(s, run(s, tmp.resolve(s.getFileName().toString())))));
    }

    /** Types the session's lines into a REPL; what it printed and "exit N". */
    static String run(Path session, Path work) {
        try {
            Files.createDirectories(work);
            // $WORK in a session is a folder of its own, for the files it saves and loads
            byte[] input = Files.readString(session).replace("$WORK", work.toString())
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit;
            try (Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB, new ByteArrayInputStream(input),
                    output, StandardCharsets.UTF_8)) {
                Cancellation cancellation = new Cancellation();
                PrintWriter log = terminal.writer();
                Repl repl = new Repl(terminal, null, () -> new Session(work.resolve("cache"), Golden.root(),
                        ModelInspector.NONE, ProgressListener.NONE, cancellation, log), cancellation, false);
                exit = repl.run();
            }
            return output.toString(StandardCharsets.UTF_8).replace("\r\n", "\n").replace(work.toString(), "<work>")
                    + "exit " + exit + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
