package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.interpret.ExitCodes;

/** Runs a study a second time and checks that the named result files come out byte for byte the same. */
final class Reruns {
    private Reruns() {
    }

    static void assertRepeats(Path study, String cache, Path first, Path again, List<String> files)
            throws IOException {
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", again.toString(), "--cache", cache);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        for (String file : files) {
            assertEquals(Files.readString(first.resolve(file)), Files.readString(again.resolve(file)), file);
        }
    }
}
