package lesion.engine;

import java.nio.file.Path;
import java.util.Optional;
import lesion.ast.ModelSpec;
import lesion.check.LayerTable;
import lesion.check.ModelInspector;

/**
 * Reads the layers of {@code model file "x.zip"} (a network saved by DL4J's ModelSerializer),
 * {@code model keras "x.h5"} (a Keras HDF5 model imported by DL4J) and {@code model zoo … imagenet} (DL4J's
 * pretrained file, found in DL4J's cache by {@link ZooStore}) so that check and plan can resolve layers and units.
 * It restores the whole network (without its updater): that is what proves the file usable, and it gives exact
 * parameter counts. When the network can run ({@link RunnableForm}), the table is read from the network the run
 * will use, so a layer index means the same layer in check, plan and run; otherwise it lays out the network as
 * restored and says in {@link LayerTable#cannotRun()} why {@code run} will refuse it. It never throws for a bad
 * file: the reason goes to {@code problem}, naming the file as the study writes it.
 */
public final class ModelFileInspector implements ModelInspector {
    private final ZooStore zoo;
    private final boolean download;

    /** An inspector that finds zoo models in DL4J's cache and never downloads them (check, plan, layers). */
    public ModelFileInspector() {
        this(null, false);
    }

    /**
     * An inspector with its own zoo store (null: DL4J's, made on first use), which downloads a missing zoo file
     * when {@code download} is true (for {@code run}).
     */
    public ModelFileInspector(ZooStore zoo, boolean download) {
        this.zoo = zoo;
        this.download = download;
    }

    @Override
    public Optional<LayerTable> layers(ModelSpec spec, Path resolvedPath, StringBuilder problem) {
        if (spec instanceof ModelSpec.File f) {
            String what = "file \"" + f.path().value() + "\"";
            return guarded("the model file '" + f.path().value() + "'", problem,
                    () -> table(ModelReader.dl4jZip(resolvedPath), what));
        }
        if (spec instanceof ModelSpec.Keras k) {
            String what = "keras \"" + k.path().value() + "\"";
            return guarded("the keras model '" + k.path().value() + "'", problem,
                    () -> table(ModelReader.keras(resolvedPath), what));
        }
        ModelSpec.Zoo z = (ModelSpec.Zoo) spec;
        String what = "zoo " + z.name().text() + " " + z.weights().text();
        Path file;
        int[] shape;
        try {
            ZooStore store = zoo != null ? zoo : ZooStore.dl4j();
            shape = store.entry(z.name().text()).inputShape();
            file = store.verifiedFile(z.name().text(), download);
        } catch (EngineException e) {
            problem.append(e.getMessage());
            return Optional.empty();
        }
        return guarded("the zoo model file " + file, problem, () -> table(ModelReader.zooZip(file, shape), what));
    }

    private interface Reader {
        LayerTable read() throws Exception;
    }

    private static Optional<LayerTable> guarded(String what, StringBuilder problem, Reader reader) {
        try {
            return Optional.of(reader.read());
        } catch (ModelReader.Unreadable e) {
            problem.append("cannot read ").append(what).append(": ").append(e.getMessage());
        } catch (Exception | LinkageError | StackOverflowError e) {
            // DL4J and the native HDF5 library fail in many ways on foreign files; none may escape
            problem.append("cannot read ").append(what).append(": ").append(ModelReader.reason(e));
        }
        return Optional.empty();
    }

    private static LayerTable table(ModelReader.Restored restored, String what) {
        String description = what + ": " + restored.kind();
        try {
            return NetworkLayers.of(RunnableForm.of(restored, what).dl4j(), description);
        } catch (RunnableForm.NotRunnable e) {
            LayerTable raw = restored.net() != null ? NetworkLayers.of(restored.net(), description)
                    : NetworkLayers.of(restored.graph(), description);
            return raw.withCannotRun(e.getMessage());
        }
    }
}
