package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key facts of a run from its manifest, as label and value pairs for the top of the report:
 * study, seed, status, times, versions, threads, data and model hashes. Values are the
 * manifest's own, so the report says nothing the run did not record.
 */
final class ManifestFacts {
    private ManifestFacts() {
    }

    static List<Map.Entry<String, String>> of(JsonNode m) {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        JsonNode study = m.path("study");
        add(facts, "study", study.path("title").asText(""));
        add(facts, "study file", study.path("file").asText("") + sha(study.path("sha256")));
        add(facts, "seed", study.path("seed").asText(""));
        add(facts, "status", m.path("status").asText("") + (m.path("error").isTextual()
                ? ": " + m.path("error").asText() : ""));
        add(facts, "started", m.path("started").asText(""));
        add(facts, "ended", m.path("ended").asText(""));
        add(facts, "seconds", m.path("seconds").asText(""));
        add(facts, "lesion", m.path("lesion_version").asText(""));
        JsonNode env = m.path("environment");
        add(facts, "java", env.path("java_version").asText("") + " (" + env.path("java_vendor").asText("") + "), "
                + env.path("os").asText("") + " " + env.path("os_version").asText("") + " "
                + env.path("arch").asText(""));
        JsonNode backend = env.path("backend");
        add(facts, "backend", String.join(", ", List.of("DL4J " + backend.path("dl4j.version").asText("?"),
                backend.path("nd4j.backend").asText("?"), "BLAS " + backend.path("blas.vendor").asText("?"),
                backend.path("nd4j.datatype").asText("?"))));
        add(facts, "threads", env.path("threads").asText(""));
        m.path("data_files").fields().forEachRemaining(e -> add(facts, "data: " + e.getKey(), e.getValue().asText()));
        JsonNode model = m.path("model");
        add(facts, "model sha256", model.path("sha256").asText(""));
        add(facts, "model cache key", model.path("cache_key").asText(""));
        if (model.has("weights_file")) {
            add(facts, "weights", model.path("weights_file").asText("") + sha(model.path("weights_sha256")));
        }
        if (model.has("file")) {
            add(facts, "model file", model.path("file").asText("") + sha(model.path("file_sha256")));
        }
        if (model.path("instances").size() > 0) {
            add(facts, "networks", (1 + model.path("instances").size()) + " (the others' hashes are in manifest.json)");
        }
        return facts;
    }

    private static String sha(JsonNode sha) {
        return sha.isTextual() ? " (sha256 " + sha.asText() + ")" : "";
    }

    private static void add(List<Map.Entry<String, String>> facts, String label, String value) {
        if (!value.isBlank()) {
            facts.add(Map.entry(label, value));
        }
    }
}
