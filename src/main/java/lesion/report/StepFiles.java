package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lesion.results.ResultWriter;

/**
 * One step as the run directory records it: its entry in {@code manifest.json} (id, keyword,
 * statement, status, seconds, variants done and planned) and the files it wrote, read on first
 * use and kept, since several figures draw on the same file.
 */
public final class StepFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final JsonNode entry;
    private final Map<String, Optional<CsvTable>> tables = new HashMap<>();
    private final Map<String, Optional<JsonNode>> jsons = new HashMap<>();

    StepFiles(Path dir, JsonNode entry) {
        this.dir = dir;
        this.entry = entry;
    }

    public String id() {
        return entry.path("id").asText();
    }

    public String keyword() {
        return entry.path("keyword").asText();
    }

    public String statement() {
        return entry.path("statement").asText();
    }

    /** {@code done}, {@code interrupted}, {@code failed}, {@code running} or {@code not run}. */
    public String status() {
        return entry.path("status").asText();
    }

    /** The manifest's entry for the step, for the facts the report prints as they are. */
    public JsonNode entry() {
        return entry;
    }

    /** The files the manifest lists for the step. */
    public List<String> outputs() {
        return JSON.convertValue(entry.path("outputs"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    /**
     * The step's CSV file {@code step-<id>-<keyword><suffix>.csv} ({@code suffix} "", {@code -layers} or
     * {@code -instances}), when the manifest lists it and it is on disk.
     */
    public Optional<CsvTable> csv(String suffix) {
        return tables.computeIfAbsent(suffix, s -> read(baseName() + s + ".csv").map(CsvTable::parse));
    }

    /** The step's JSON file, when the manifest lists it and it is on disk. */
    public Optional<JsonNode> json() {
        return json("");
    }

    /**
     * The step's JSON file {@code step-<id>-<keyword><suffix>.json} ({@code suffix} "" or, for importance,
     * {@code -weights}), when the manifest lists it and it is on disk.
     */
    public Optional<JsonNode> json(String suffix) {
        return jsons.computeIfAbsent(suffix, s -> read(baseName() + s + ".json").map(text -> {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + baseName() + s + ".json: " + e.getMessage(), e);
            }
        }));
    }

    /** A short name for figure and table ids: the step id with dots as hyphens ({@code 4.1} gives {@code 4-1}). */
    public String anchor() {
        return "step-" + id().replaceAll("[^A-Za-z0-9]", "-");
    }

    private String baseName() {
        return ResultWriter.baseName(id(), keyword());
    }

    private Optional<String> read(String name) {
        Path file = dir.resolve(name);
        if (!outputs().contains(name) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
