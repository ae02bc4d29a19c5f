package lesion.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Restores the network in a DL4J model zip (written by ModelSerializer) or a Keras HDF5 file (imported by DL4J),
 * as DL4J gives it: a MultiLayerNetwork or a ComputationGraph, without its updater. Every way a foreign file can
 * fail becomes an {@link Unreadable} with a reason in words for the study's author.
 */
final class ModelReader {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_MESSAGE = 300;

    private ModelReader() {
    }

    /** Why a file cannot be read, in words for the study's author (without the file's name). */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A restored network: exactly one of {@code net} and {@code graph}; {@code kind} says which and where it came
     * from ("MultiLayerNetwork", "ComputationGraph (Keras Model)", …); {@code inputShape} is a Keras model's input
     * shape without the batch dimension as its config declares it (e.g. {28, 28, 1}), a zoo model's (channels,
     * height, width), else null.
     */
    record Restored(MultiLayerNetwork net, ComputationGraph graph, String kind, int[] inputShape) {
        Model model() {
            return net != null ? net : graph;
        }
    }

    /**
     * A zoo model's zip: a DL4J zip whose images are {@code inputShape} (channels, height, width) when the saved
     * network does not say.
     */
    static Restored zooZip(Path path, int[] inputShape) throws Unreadable, IOException {
        Restored r = dl4jZip(path);
        return new Restored(r.net(), r.graph(), r.kind(), inputShape);
    }

    static Restored dl4jZip(Path path) throws Unreadable, IOException {
        requireNonEmpty(path);
        String kind = zipKind(path);
        try {
            if (kind.equals("ComputationGraph")) {
                return new Restored(null, ModelSerializer.restoreComputationGraph(path.toFile(), false), kind, null);
            }
            return new Restored(ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false), null, kind, null);
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new Unreadable("DL4J could not restore the " + kind + " in it: " + reason(e));
        }
    }

    /**
     * Which network a ModelSerializer zip holds, from its configuration.json: a ComputationGraph's
     * has "vertices", a MultiLayerNetwork's has "confs".
     */
    private static String zipKind(Path path) throws Unreadable, IOException {
        JsonNode config;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry entry = zip.getEntry("configuration.json");
            if (entry == null) {
                throw new Unreadable("the zip has no configuration.json, so it is not a network saved by DL4J's "
                        + "ModelSerializer");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                config = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new Unreadable("its configuration.json is not valid JSON (" + reason(e) + ")");
            }
            if (zip.getEntry("coefficients.bin") == null) {
                throw new Unreadable("the zip has no coefficients.bin: it holds a configuration but no weights");
            }
        } catch (ZipException e) {
            throw new Unreadable("it is not a zip archive, or a truncated one (" + reason(e) + ")");
        }
        if (config != null && config.has("vertices")) {
            return "ComputationGraph";
        }
        if (config != null && config.has("confs")) {
            return "MultiLayerNetwork";
        }
        throw new Unreadable("its configuration.json describes neither a MultiLayerNetwork nor a ComputationGraph");
    }

    static Restored keras(Path path) throws Unreadable, IOException {
        requireNonEmpty(path);
        if (!isHdf5(path)) {
            throw new Unreadable("it is not an HDF5 file; lesion reads Keras models saved as HDF5, "
                    + "with model.save(\"x.h5\")");
        }
        // the native library prints its own error stack on stderr unless told not to
        org.bytedeco.hdf5.Exception.dontPrint();
        JsonNode config = kerasConfig(path);
        String className = config.get("class_name").asText();
        String file = path.toAbsolutePath().toString();
        try {
            if (className.equals("Sequential")) {
                return new Restored(KerasModelImport.importKerasSequentialModelAndWeights(file, false), null,
                        "MultiLayerNetwork (Keras Sequential)", inputShape(config));
            }
            return new Restored(null, KerasModelImport.importKerasModelAndWeights(file, false),
                    "ComputationGraph (Keras " + className + ")", inputShape(config));
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new Unreadable("DL4J could not import the Keras " + className + " model in it: " + reason(e));
        }
    }

    private static JsonNode kerasConfig(Path path) throws Unreadable, IOException {
        Hdf5Archive opened;
        try {
            opened = new Hdf5Archive(path.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw new Unreadable("the HDF5 file is damaged or truncated (" + reason(e) + ")");
        }
        try (Hdf5Archive archive = opened) {
            if (!archive.hasAttribute("model_config")) {
                throw new Unreadable("the file has no model_config: it holds weights only (saved with "
                        + "save_weights?); save the whole model with model.save(\"x.h5\")");
            }
            JsonNode config;
            try {
                config = new ObjectMapper().readTree(archive.readAttributeAsJson("model_config"));
            } catch (Exception e) {
                throw new Unreadable("its model_config cannot be read (" + reason(e) + ")");
            }
            JsonNode name = config == null ? null : config.get("class_name");
            if (name == null || !name.isTextual()) {
                throw new Unreadable("its model_config has no class_name");
            }
            return config;
        }
    }

    /**
     * The first {@code batch_input_shape} in the model's layers (a Sequential model's first layer, or a functional
     * model's InputLayer), without the batch dimension; null when absent or not all known.
     */
    private static int[] inputShape(JsonNode config) {
        JsonNode layers = config.path("config").path("layers");
        if (!layers.isArray() && config.path("config").isArray()) {
            // Keras 2.0–2.2.2 saved a Sequential model's config as the bare list of layers
            layers = config.path("config");
        }
        for (JsonNode layer : layers) {
            JsonNode shape = layer.path("config").path("batch_input_shape");
            if (shape.isArray() && shape.size() >= 2) {
                int[] dims = new int[shape.size() - 1];
                for (int i = 1; i < shape.size(); i++) {
                    if (!shape.get(i).canConvertToInt() || shape.get(i).asInt() < 1) {
                        return null;
                    }
                    dims[i - 1] = shape.get(i).asInt();
                }
                return dims;
            }
        }
        return null;
    }

    private static void requireNonEmpty(Path path) throws Unreadable, IOException {
        if (Files.size(path) == 0) {
            throw new Unreadable("the file is empty");
        }
    }

    /** HDF5's signature sits at byte 0, or after a user block at 512, 1024, 2048, … bytes. */
    private static boolean isHdf5(Path path) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            byte[] head = new byte[HDF5_SIGNATURE.length];
            for (long at = 0; at + head.length <= file.length(); at = at == 0 ? 512 : at * 2) {
                file.seek(at);
                file.readFully(head);
                if (Arrays.equals(head, HDF5_SIGNATURE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A one-line reason: the messages along the exception's causes, each once, without Java package
     * names; a cause with no message is named by its class.
     */
    static String reason(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 6; depth++, t = t.getCause() == t ? null : t.getCause()) {
            String line = firstLine(t);
            if (text.indexOf(line) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(line);
            }
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE - 1) + "…" : text.toString();
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl).strip();
        // wrappers often repeat their cause as "java.io.EOFException: …"
        return m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*(?:Exception|Error))", "$1");
    }
}
