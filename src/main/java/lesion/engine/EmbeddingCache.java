package lesion.engine;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * 2-D embeddings on disk, in {@code <cacheRoot>/embeddings/<key>.bin} with the key of {@link TsneSettings#key}: a
 * magic number, the point count, then x and y of every point as big-endian doubles, so a load gives back exactly the
 * numbers that were stored. Written to a temporary file and moved into place, so a reader never sees half a file.
 */
public final class EmbeddingCache {
    private static final int MAGIC = 0x4c545331; // "LTS1"
    private final Path dir;
    private final Consumer<String> warnings;

    public EmbeddingCache(Path cacheRoot, Consumer<String> warnings) {
        this.dir = cacheRoot.resolve("embeddings");
        this.warnings = warnings;
    }

    /** Where the embedding of {@code key} is kept. */
    public Path file(String key) {
        return dir.resolve(key + ".bin");
    }

    /**
     * The stored points of {@code key} ({@code [i][0]}, {@code [i][1]}), or null when none is stored. A damaged or
     * short file, or one of another point count, is reported, deleted and treated as missing.
     */
    public double[][] load(String key, int points) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            if (data.readInt() != MAGIC || data.readInt() != points) {
                throw new IOException("not an embedding of " + points + " points");
            }
            double[][] out = new double[points][2];
            for (double[] p : out) {
                p[0] = data.readDouble();
                p[1] = data.readDouble();
            }
            if (data.read() != -1) {
                throw new IOException("more bytes than " + points + " points");
            }
            return out;
        } catch (IOException e) {
            warnings.accept("the cached embedding " + file + " is damaged (" + e.getMessage()
                    + "); computing it again");
            FileOps.deleteQuietly(file);
            return null;
        }
    }

    /** Stores {@code points} under {@code key}, replacing what was there. */
    public void store(String key, double[][] points) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + points.length * 16);
        try (DataOutputStream data = new DataOutputStream(bytes)) {
            data.writeInt(MAGIC);
            data.writeInt(points.length);
            for (double[] p : points) {
                data.writeDouble(p[0]);
                data.writeDouble(p[1]);
            }
        }
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, key, ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            FileOps.moveAtomically(tmp, file(key));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
