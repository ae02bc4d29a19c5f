package lesion.engine;

import java.nio.file.Path;

/**
 * Loads the network of {@code model file}, {@code model keras} or {@code model zoo} for a run, in the form
 * {@link RunnableForm} gives it: the same network, and the same layer numbering, that check and plan laid out.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    /** A DL4J model zip; {@code written} is the path as the study writes it, for messages. */
    public static Network dl4j(Path file, String written) {
        return load(() -> ModelReader.dl4jZip(file), "the model file '" + written + "'", "file \"" + written + "\"");
    }

    /** A Keras HDF5 model, imported by DL4J. */
    public static Network keras(Path file, String written) {
        return load(() -> ModelReader.keras(file), "the keras model '" + written + "'", "keras \"" + written + "\"");
    }

    /** A pretrained zoo model from {@code store}, downloaded first if it is missing and {@code download} is true. */
    public static Network zoo(ZooStore store, String name, boolean download) {
        Path file = store.verifiedFile(name, download);
        int[] shape = store.entry(name).inputShape();
        return load(() -> ModelReader.zooZip(file, shape), "the zoo model file " + file, "zoo " + name + " imagenet");
    }

    private interface Reader {
        ModelReader.Restored read() throws Exception;
    }

    private static Network load(Reader reader, String file, String what) {
        ModelReader.Restored restored;
        try {
            restored = reader.read();
        } catch (ModelReader.Unreadable e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (Exception | LinkageError | StackOverflowError e) {
            throw new EngineException("cannot read " + file + ": " + ModelReader.reason(e), e);
        }
        try {
            return RunnableForm.of(restored, what);
        } catch (RunnableForm.NotRunnable e) {
            throw new EngineException(e.getMessage(), e);
        }
    }
}
