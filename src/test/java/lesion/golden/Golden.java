package lesion.golden;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Golden-file tests, shared by the parse, check and plan suites: the language files themselves,
 * with the expected output beside each ({@code x.study} → {@code x.expected}).
 *
 * <p>Run with {@code -Dgolden.update=true} ({@code mvn test -Dgolden.update=true}; Surefire passes
 * properties given on Maven's command line to the test JVM) and the expected files are rewritten
 * from the actual output instead of failing, to be reviewed with {@code git diff} and committed
 * with a message that says why they changed.
 *
 * <p>The repository root is the system property {@code lesion.root} (the pom sets it for Surefire),
 * else the working directory. Names shown and passed on are paths relative to it, with '/'.
 */
public final class Golden {
    /** The system property that turns checking into rewriting. */
    public static final String UPDATE_PROPERTY = "golden.update";

    private static final int CONTEXT = 3;
    private static final int MAX_DIFF_LINES = 60;

    private Golden() {
    }

    /** Renders the output for one study file; may throw, which fails that file's test. */
    @FunctionalInterface
    public interface Renderer {
        String render(Path study) throws Exception;
    }

    /** The root of the repository. */
    public static Path root() {
        String root = System.getProperty("lesion.root");
        return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
    }

    /** Whether this run rewrites the expected files. */
    public static boolean updating() {
        return Boolean.parseBoolean(System.getProperty(UPDATE_PROPERTY, "false"));
    }

    /** A path as the tests name it: relative to the root, with '/' separators. */
    public static String name(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path relative = absolute.startsWith(root()) ? root().relativize(absolute) : absolute;
        return relative.toString().replace('\\', '/');
    }

    /** The {@code .study} files under {@code folder} (relative to the root, searched in depth) whose file name passes {@code filter}, sorted by path. */
    public static List<Path> studies(String folder, Predicate<String> filter) {
        Path dir = root().resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".study"))
                    .filter(p -> filter.test(p.getFileName().toString()))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code x.study} (or {@code x.session}, any extension) → {@code x.expected}, in the same folder. */
    public static Path expectedFile(Path study) {
        String file = study.getFileName().toString();
        String base = file.lastIndexOf('.') > 0 ? file.substring(0, file.lastIndexOf('.')) : file;
        return study.resolveSibling(base + ".expected");
    }

    /** Reads a study file as UTF-8. */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One named test per study under {@code folder} whose file name passes {@code filter}: renders
     * it and compares the output with its expected file. An empty selection is a failure, so that a
     * moved folder cannot pass by testing nothing.
     */
    public static Stream<DynamicTest> tests(String folder, Predicate<String> filter, Renderer renderer) {
        List<Path> studies = studies(folder, filter);
        if (studies.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest(folder, () -> fail("no matching .study files under "
                    + root().resolve(folder))));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path study : studies) {
            tests.add(DynamicTest.dynamicTest(name(study), study.toUri(), () -> check(study, renderer.render(study))));
        }
        return tests.stream();
    }

    /** Compares {@code actual} with the study's expected file, or rewrites that file when updating. */
    public static void check(Path study, String actual) {
        Path expectedFile = expectedFile(study);
        boolean exists = Files.isRegularFile(expectedFile);
        String expected = exists ? read(expectedFile).replace("\r\n", "\n") : null;
        if (actual.equals(expected)) {
            return;
        }
        if (updating()) {
            try {
                Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.err.println("golden: " + (exists ? "updated " : "created ") + name(expectedFile));
            return;
        }
        if (!exists) {
            fail("missing " + name(expectedFile) + " (run with -D" + UPDATE_PROPERTY
                    + "=true to create it); the output was:\n" + actual);
        }
        fail(name(expectedFile) + " differs from the output (- expected, + actual; run with -D" + UPDATE_PROPERTY
                + "=true to accept the output):\n" + diff(expected, actual));
    }

    /**
     * A unified diff of two texts, with three lines of context around each change (line numbers
     * are those of the expected text), cut after {@value #MAX_DIFF_LINES} lines.
     */
    public static String diff(String expected, String actual) {
        List<String> a = lines(expected);
        List<String> b = lines(actual);
        // Longest common subsequence of lines, from the end, so that the walk below goes forward.
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add("  " + a.get(i));
                lineOf.add(++i);
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add("- " + a.get(i));
                lineOf.add(++i);
            } else {
                script.add("+ " + b.get(j++));
                lineOf.add(i + 1);
            }
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        int lastShown = -1;
        for (int k = 0; k < script.size() && shown < MAX_DIFF_LINES; k++) {
            if (!near(script, k)) {
                continue;
            }
            if (k != lastShown + 1) {
                out.append("@@ line ").append(lineOf.get(k)).append(" @@\n");
            }
            out.append(script.get(k)).append('\n');
            lastShown = k;
            shown++;
        }
        if (shown == MAX_DIFF_LINES) {
            out.append("…\n");
        }
        if (!expected.endsWith("\n") || !actual.endsWith("\n")) {
            if (expected.endsWith("\n") != actual.endsWith("\n")) {
                out.append("(the texts differ in their final line break)\n");
            }
        }
        return out.toString();
    }

    private static boolean near(List<String> script, int k) {
        for (int d = Math.max(0, k - CONTEXT); d <= Math.min(script.size() - 1, k + CONTEXT); d++) {
            if (!script.get(d).startsWith("  ")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
