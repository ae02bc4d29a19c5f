package lesion.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import lesion.results.Embedding;

/**
 * The t-SNE of a data set's test images with the paper's settings ({@link TsneSettings#paper}), taken from the
 * {@link EmbeddingCache} when the same data (by {@link Dataset#contentHash()}, which covers a {@code limit test M})
 * and settings were embedded before, else computed ({@link Tsne}) and stored there.
 */
public final class TsneEmbedder {
    private final EmbeddingCache cache;
    private final Cancellation cancellation;

    public TsneEmbedder(Path cacheRoot, Consumer<String> warnings, Cancellation cancellation) {
        this.cache = new EmbeddingCache(cacheRoot, warnings);
        this.cancellation = cancellation;
    }

    /** The embedding of {@code data}'s test images, its random start drawn with {@code seed}. */
    public Embedding embed(Dataset data, long seed) {
        TsneSettings settings = TsneSettings.paper(data.testSize(), data.featureSize(), seed);
        String key = settings.key(data.contentHash());
        double[][] points = cache.load(key, settings.points());
        boolean cached = points != null;
        if (!cached) {
            points = Tsne.embed(data, settings, cancellation);
            try {
                cache.store(key, points);
            } catch (IOException e) {
                throw new EngineException("cannot store the embedding in " + cache.file(key) + ": " + e.getMessage(),
                        e);
            }
        }
        double[] x = new double[points.length];
        double[] y = new double[points.length];
        for (int i = 0; i < points.length; i++) {
            x[i] = points[i][0];
            y[i] = points[i][1];
        }
        return new Embedding("tsne", settings.describe(), data.testLabels(), x, y, cached);
    }
}
