package lesion.engine;

import lesion.results.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trained networks on disk, in {@code <cacheRoot>/models/<key>/} ({@code initial.zip}, {@code trained.zip},
 * {@code key.txt}, {@code params.txt}), so a study trains each model only once.
 *
 * <p>The key is the SHA-256 of {@link #keyMaterial}: the architecture's canonical text (an MLP's or a VGG-19's), the
 * training spec (seed included), the data set's content hash, the OpenMP thread count (training bits differ between
 * thread counts), the DL4J version, {@link #FORMAT_VERSION} and, when training starts from a {@code weights} file,
 * that file's SHA-256. An MLP's key is what it was before VGG-19 existed,
 * so existing entries stay valid. Entries are written to a temp folder and renamed into place, so an interrupted
 * training never leaves a half entry. A damaged entry (unreadable zip, wrong key text, parameters whose hash differs
 * from {@code params.txt}) is reported through the warning callback, deleted and trained again.
 */
public final class ModelCache {

    /** Bump when the entry layout or anything that changes trained bits (e.g. the training loop) changes. */
    public static final int FORMAT_VERSION = 1;

    private final Path modelsDir;
    private final Consumer<String> warnings;

    public ModelCache(Path cacheRoot, Consumer<String> warnings) {
        this.modelsDir = cacheRoot.resolve("models");
        this.warnings = warnings;
    }

    /** A cache whose warnings go to standard error. */
    public ModelCache(Path cacheRoot) {
        this(cacheRoot, message -> System.err.println("warning: " + message));
    }

    /** The human-readable text the key is hashed from (also written to key.txt). */
    public String keyMaterial(Architecture architecture, TrainSpec train, Dataset data) {
        return keyMaterial(architecture, train, data, null);
    }

    /**
     * The key text of a network whose training starts from {@code start}'s weights: the file's SHA-256 is added as
     * a last line, so that without weights the text (and every existing entry) is unchanged.
     */
    public String keyMaterial(Architecture architecture, TrainSpec train, Dataset data, NpzWeights start) {
        String threads = System.getenv("OMP_NUM_THREADS");
        return "lesion-model-cache " + FORMAT_VERSION + "\n"
                + architecture.canonical() + "\n"
                + train.canonical() + "\n"
                + "data " + data.contentHash() + "\n"
                + "omp_num_threads " + (threads == null || threads.isBlank() ? "unset" : threads.strip()) + "\n"
                + "dl4j " + EngineInfo.dl4jVersion() + "\n"
                + (start == null ? "" : "weights npz " + start.sha256() + "\n");
    }

    public String key(Architecture architecture, TrainSpec train, Dataset data) {
        return key(architecture, train, data, null);
    }

    public String key(Architecture architecture, TrainSpec train, Dataset data, NpzWeights start) {
        return Sha256.hex(keyMaterial(architecture, train, data, start));
    }

    /** The folder of an entry (which may not exist). */
    public Path entry(String key) {
        return modelsDir.resolve(key);
    }

    /** The cached networks for this architecture, training and data, training (and storing) them first on a miss. */
    public TrainedModel getOrTrain(Architecture architecture, TrainSpec train, Dataset data, Trainer trainer) {
        return getOrTrain(architecture, train, data, trainer, null);
    }

    /** As above, for training that starts from {@code start}'s weights (null: from the seeded initial weights). */
    public TrainedModel getOrTrain(Architecture architecture, TrainSpec train, Dataset data, Trainer trainer,
            NpzWeights start) {
        String material = keyMaterial(architecture, train, data, start);
        String key = Sha256.hex(material);
        Path dir = entry(key);
        if (Files.isDirectory(dir)) {
            try {
                return read(dir, material);
            } catch (EngineException e) {
                warnings.accept("cached model " + dir + " is damaged (" + e.getMessage() + "); training it again");
                FileOps.deleteQuietly(dir);
            }
        }
        // the three-argument call when there is no start, so trainers that override only it keep working
        TrainedModel model = start == null ? trainer.train(architecture, train, data)
                : trainer.train(architecture, train, data, start);
        write(dir, material, model);
        return model;
    }

    private static TrainedModel read(Path dir, String material) {
        String storedKey = readText(dir.resolve("key.txt"));
        if (!storedKey.equals(material)) {
            throw new EngineException("key.txt does not match the entry's key");
        }
        Network initial = Network.load(dir.resolve("initial.zip"));
        Network trained = Network.load(dir.resolve("trained.zip"));
        String expected = "initial " + initial.paramsSha256() + "\ntrained " + trained.paramsSha256() + "\n";
        if (!readText(dir.resolve("params.txt")).equals(expected)) {
            throw new EngineException("the parameters differ from the hashes in params.txt");
        }
        return new TrainedModel(initial, trained, true);
    }

    private void write(Path dir, String material, TrainedModel model) {
        Path tmp = null;
        try {
            Files.createDirectories(modelsDir);
            removeStaleTempFolders();
            tmp = Files.createTempDirectory(modelsDir, ".tmp-");
            model.initial().save(tmp.resolve("initial.zip"));
            model.trained().save(tmp.resolve("trained.zip"));
            Files.writeString(tmp.resolve("params.txt"), "initial " + model.initial().paramsSha256() + "\ntrained "
                    + model.trained().paramsSha256() + "\n", StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve("key.txt"), material, StandardCharsets.UTF_8);
            try {
                FileOps.moveAtomically(tmp, dir);
                tmp = null;
            } catch (IOException e) {
                // another process stored the same entry first; its content is equivalent, keep it
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
            }
        } catch (IOException | EngineException e) {
            // the trained model is still usable; only caching failed
            warnings.accept("cannot store the trained model in " + dir + ": " + e.getMessage());
        } finally {
            FileOps.deleteQuietly(tmp);
        }
    }

    /** Temp folders left by killed runs; a day old means no live run still writes them. */
    private void removeStaleTempFolders() {
        long cutoff = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (Stream<Path> entries = Files.list(modelsDir)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() < cutoff;
                } catch (IOException e) {
                    return false;
                }
            }).forEach(FileOps::deleteQuietly);
        } catch (IOException ignored) {
            // only housekeeping
        }
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
