package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lesion.results.RunDirectory;

/**
 * A run directory read back from its files alone: the manifest, the study text and each step's
 * files. The report is built from this, never from the objects of the run that wrote it, so that
 * {@code lesion report DIR} rebuilds exactly what the run wrote, and a run that was interrupted or
 * failed shows whatever its finished steps left.
 */
public final class RunFiles {
    private final Path dir;
    private final JsonNode manifest;
    private final String study;
    private final List<StepFiles> steps;

    private RunFiles(Path dir, JsonNode manifest, String study, List<StepFiles> steps) {
        this.dir = dir;
        this.manifest = manifest;
        this.study = study;
        this.steps = List.copyOf(steps);
    }

    /**
     * Reads the run directory {@code dir}.
     *
     * @throws NotARunDirectoryException when {@code dir} is missing or holds no readable manifest
     */
    public static RunFiles open(Path dir) throws IOException {
        Path manifestFile = dir.resolve(RunDirectory.MANIFEST_FILE);
        if (!Files.exists(dir)) {
            throw new NotARunDirectoryException("no such run directory: '" + dir + "'");
        }
        if (!Files.isDirectory(dir)) {
            throw new NotARunDirectoryException("'" + dir + "' is a file, not a run directory");
        }
        if (!Files.isRegularFile(manifestFile)) {
            throw new NotARunDirectoryException("'" + dir + "' is not a run directory: it has no "
                    + RunDirectory.MANIFEST_FILE);
        }
        JsonNode manifest;
        try {
            manifest = new ObjectMapper().readTree(manifestFile.toFile());
        } catch (IOException e) {
            throw new NotARunDirectoryException("'" + manifestFile + "' cannot be read as a manifest: "
                    + e.getMessage());
        }
        if (manifest == null || !manifest.isObject() || !manifest.has("steps")) {
            throw new NotARunDirectoryException("'" + manifestFile + "' is not a lesion manifest");
        }
        Path studyFile = dir.resolve(RunDirectory.STUDY_FILE);
        String study = Files.isRegularFile(studyFile) ? Files.readString(studyFile) : "";
        List<StepFiles> steps = new ArrayList<>();
        for (JsonNode entry : manifest.path("steps")) {
            steps.add(new StepFiles(dir, entry));
        }
        return new RunFiles(dir, manifest, study, steps);
    }

    public Path dir() {
        return dir;
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** The study's text as the run copied it ({@code study.study}), or "" when it is missing. */
    public String study() {
        return study;
    }

    /** Every step the manifest declares, in plan order, finished or not. */
    public List<StepFiles> steps() {
        return steps;
    }
}
