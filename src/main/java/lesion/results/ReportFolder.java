package lesion.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code report "dir";} does when a run ends: copies the run's tables ({@code .csv}, {@code .json}, the
 * manifest among them) and {@code report.html} into a folder outside the run directory, creating it, so that a
 * study can keep its latest figures where a paper's sources or a repository expect them. A file of the same name
 * there is replaced (each atomically); every other file in the folder is left as it is.
 */
public final class ReportFolder {
    private ReportFolder() {
    }

    /** Copies the files and returns the names copied, sorted. */
    public static List<String> copy(Path runDir, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> files;
        try (Stream<Path> all = Files.list(runDir)) {
            files = all.filter(Files::isRegularFile).filter(ReportFolder::copied).sorted().toList();
        }
        List<String> names = new ArrayList<>(files.size());
        for (Path file : files) {
            AtomicFiles.write(folder.resolve(file.getFileName().toString()), Files.readAllBytes(file));
            names.add(file.getFileName().toString());
        }
        return names;
    }

    private static boolean copied(Path file) {
        String name = file.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".json") || name.equals("report.html"));
    }
}
