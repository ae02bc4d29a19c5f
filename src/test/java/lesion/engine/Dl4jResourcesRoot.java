package lesion.engine;

import java.nio.file.Path;
import org.deeplearning4j.common.resources.DL4JResources;

/**
 * Points DL4J's resource folder (where its zoo keeps pretrained models) at a test folder while open, so command
 * tests see an empty zoo cache whatever the real {@code ~/.deeplearning4j} holds. DL4J's setting is global.
 */
public final class Dl4jResourcesRoot implements AutoCloseable {
    private Dl4jResourcesRoot() {
    }

    /** From now until {@link #close()}, DL4J's resources live in {@code dir} (which must exist). */
    public static Dl4jResourcesRoot at(Path dir) {
        DL4JResources.setBaseDirectory(dir.toFile());
        return new Dl4jResourcesRoot();
    }

    /** Back to DL4J's default (the system property, else ~/.deeplearning4j). */
    @Override
    public void close() {
        DL4JResources.resetBaseDirectoryLocation();
    }
}
