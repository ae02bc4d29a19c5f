package lesion.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import lesion.ast.ModelSpec;
import lesion.check.LayerTable;
import lesion.check.ModelInspector;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reads the layers of {@code model file "x.zip"} (a network saved by DL4J's ModelSerializer) and
 * {@code model keras "x.h5"} (a Keras HDF5 model imported by DL4J) so that check and plan can
 * resolve layers and units. It restores the whole network (without its updater): that is what
 * proves the file usable, and it gives exact parameter counts. It never throws for a bad file:
 * the reason goes to {@code problem}, naming the file as the study writes it.
 */
public final class ModelFileInspector implements ModelInspector {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final int MAX_MESSAGE = 300;

    @Override
    public Optional<LayerTable> layers(ModelSpec spec, Path resolvedPath, StringBuilder problem) {
        if (spec instanceof ModelSpec.File f) {
            return guarded("the model file '" + f.path().value() + "'", problem,
                    () -> dl4jZip(resolvedPath, "file \"" + f.path().value() + "\""));
        }
        if (spec instanceof ModelSpec.Keras k) {
            return guarded("the keras model '" + k.path().value() + "'", problem,
                    () -> keras(resolvedPath, "keras \"" + k.path().value() + "\""));
        }
        ModelSpec.Zoo zoo = (ModelSpec.Zoo) spec;
        problem.append("this version of lesion cannot lay out 'model zoo ").append(zoo.name().text()).append(' ')
                .append(zoo.weights().text()).append("': the layers of zoo models are read in a later version");
        return Optional.empty();
    }

    /** Why a file cannot be read, in words for the study's author. */
    private static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    private interface Reader {
        LayerTable read() throws Exception;
    }

    private static Optional<LayerTable> guarded(String what, StringBuilder problem, Reader reader) {
        try {
            return Optional.of(reader.read());
        } catch (Unreadable e) {
            problem.append("cannot read ").append(what).append(": ").append(e.getMessage());
        } catch (Exception | LinkageError | StackOverflowError e) {
            // DL4J and the native HDF5 library fail in many ways on foreign files; none may escape
            problem.append("cannot read ").append(what).append(": ").append(reason(e));
        }
        return Optional.empty();
    }

    private static LayerTable dl4jZip(Path path, String description) throws Exception {
        requireNonEmpty(path);
        String kind = zipKind(path);
        MultiLayerNetwork net = null;
        ComputationGraph graph = null;
        try {
            if (kind.equals("ComputationGraph")) {
                graph = ModelSerializer.restoreComputationGraph(path.toFile(), false);
            } else {
                net = ModelSerializer.restoreMultiLayerNetwork(path.toFile(), false);
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new Unreadable("DL4J could not restore the " + kind + " in it: " + reason(e));
        }
        return graph != null ? NetworkLayers.of(graph, description + ": ComputationGraph")
                : NetworkLayers.of(net, description + ": MultiLayerNetwork");
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

    private static LayerTable keras(Path path, String description) throws Exception {
        requireNonEmpty(path);
        if (!isHdf5(path)) {
            throw new Unreadable("it is not an HDF5 file; lesion reads Keras models saved as HDF5, "
                    + "with model.save(\"x.h5\")");
        }
        // the native library prints its own error stack on stderr unless told not to
        org.bytedeco.hdf5.Exception.dontPrint();
        String className = kerasClassName(path);
        String file = path.toAbsolutePath().toString();
        MultiLayerNetwork net = null;
        ComputationGraph graph = null;
        try {
            if (className.equals("Sequential")) {
                net = KerasModelImport.importKerasSequentialModelAndWeights(file, false);
            } else {
                graph = KerasModelImport.importKerasModelAndWeights(file, false);
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new Unreadable("DL4J could not import the Keras " + className + " model in it: " + reason(e));
        }
        return net != null ? NetworkLayers.of(net, description + ": MultiLayerNetwork (Keras Sequential)")
                : NetworkLayers.of(graph, description + ": ComputationGraph (Keras " + className + ")");
    }

    private static String kerasClassName(Path path) throws Exception {
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
            JsonNode config = new ObjectMapper().readTree(archive.readAttributeAsJson("model_config"));
            JsonNode name = config == null ? null : config.get("class_name");
            if (name == null || !name.isTextual()) {
                throw new Unreadable("its model_config has no class_name");
            }
            return name.asText();
        }
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
