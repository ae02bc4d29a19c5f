package lesion.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The folder one run writes into, made fresh so that no earlier results are ever overwritten:
 * {@code <root>/<study slug>/<UTC yyyyMMdd-HHmmss>/} (with {@code -2}, {@code -3}, … when two runs
 * start in the same second), or exactly the folder given by {@code --out}, which must not exist
 * or be empty. It names the files a run leaves: the study copy, the plan, the manifest, the step
 * tables.
 */
public final class RunDirectory {
    /** Where runs go unless {@code --out} says otherwise: {@code runs/} in the working directory. */
    public static final Path DEFAULT_ROOT = Path.of("runs");
    public static final String STUDY_FILE = "study.study";
    public static final String PLAN_FILE = "plan.txt";
    public static final String MANIFEST_FILE = "manifest.json";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_SLUG = 60;

    private final Path path;

    private RunDirectory(Path path) {
        this.path = path;
    }

    /** A new timestamped run folder under {@link #DEFAULT_ROOT}. */
    public static RunDirectory create(String studyTitle) throws IOException {
        return create(DEFAULT_ROOT, studyTitle, Clock.systemUTC());
    }

    /** A new folder {@code root/<slug>/<stamp>[-n]}; never one that already exists. */
    public static RunDirectory create(Path root, String studyTitle, Clock clock) throws IOException {
        Path parent = root.resolve(slug(studyTitle));
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new RunDirectoryException("cannot create run folder '" + parent + "': " + e.getMessage());
        }
        String stamp = STAMP.format(clock.instant());
        for (int n = 1; n < 10_000; n++) {
            Path candidate = parent.resolve(n == 1 ? stamp : stamp + "-" + n);
            try {
                // createDirectory fails if the folder exists, atomically: two runs racing get two folders
                return new RunDirectory(Files.createDirectory(candidate));
            } catch (FileAlreadyExistsException e) {
                // taken by a run that started in the same second: try the next suffix
            }
        }
        throw new RunDirectoryException("too many runs of '" + studyTitle + "' started at " + stamp);
    }

    /**
     * The folder {@code --out DIR} names, used as the run folder itself. It is created if missing;
     * an existing empty folder is accepted; anything else is refused rather than mixed with
     * or overwriting what is there.
     */
    public static RunDirectory exactly(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunDirectoryException("output folder '" + dir + "' is a file; give a new or empty folder");
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    throw new RunDirectoryException("output folder '" + dir
                            + "' is not empty; results are never overwritten: give a new or empty folder");
                }
            }
            return new RunDirectory(dir);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RunDirectoryException("cannot create output folder '" + dir + "': " + e.getMessage());
        }
        return new RunDirectory(dir);
    }

    /**
     * The folder name a study title gives: lower case, letters without accents, digits, and
     * single hyphens for everything else; {@code study} when nothing is left.
     */
    public static String slug(String title) {
        String plain = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_SLUG) {
            slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "study" : slug;
    }

    public Path path() {
        return path;
    }

    public Path resolve(String fileName) {
        return path.resolve(fileName);
    }

    /** Copies the study's text into the run as {@code study.study}. */
    public Path writeStudy(String studyText) throws IOException {
        Path file = resolve(STUDY_FILE);
        AtomicFiles.write(file, studyText);
        return file;
    }

    /** Writes the plan's EXPLAIN text as {@code plan.txt}. */
    public Path writePlan(String planText) throws IOException {
        Path file = resolve(PLAN_FILE);
        AtomicFiles.write(file, planText);
        return file;
    }

    /** {@code step-<id>-<keyword>.<extension>}, the file {@link ResultWriter} writes for a step. */
    public Path stepFile(String stepId, String keyword, String extension) {
        return resolve(ResultWriter.baseName(stepId, keyword) + "." + extension);
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
