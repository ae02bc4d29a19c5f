package lesion.engine;

import java.math.BigDecimal;
import java.util.Locale;
import lesion.results.Sha256;

/**
 * How a t-SNE of {@code points} images is computed: PCA to {@code pcaDims} dimensions first (none when the images
 * have no more), then Barnes-Hut t-SNE to 2-D with {@code perplexity}, {@code theta} (the Barnes-Hut accuracy) and
 * {@code iterations} gradient steps from a random start drawn with {@code seed}.
 */
public record TsneSettings(int points, int pcaDims, double perplexity, double theta, int iterations, long seed) {
    /** The paper's PCA dimensions and perplexity. */
    static final int PAPER_PCA_DIMS = 30;
    static final double PAPER_PERPLEXITY = 40;
    /** The library's defaults, which are van der Maaten's. */
    static final double THETA = 0.5;
    static final int ITERATIONS = 1000;
    /** Names the implementation in the cache key, so another library or version never reads this one's files. */
    static final String LIBRARY = "de.javagl:bh-tsne:0.0.1";

    /**
     * The paper's settings for {@code points} images of {@code features} values each. Barnes-Hut t-SNE takes
     * 3 × perplexity neighbours of every point, so it needs more than 3 × perplexity other points: below 121
     * images the perplexity is (points − 1) / 3 instead of 40. The PCA keeps at most as many dimensions as there
     * are images.
     */
    public static TsneSettings paper(int points, int features, long seed) {
        if (points < 4) {
            throw new EngineException("t-SNE needs at least 4 test images; the data has " + points);
        }
        int dims = Math.min(PAPER_PCA_DIMS, Math.min(points, features));
        double perplexity = Math.min(PAPER_PERPLEXITY, (points - 1) / 3.0);
        return new TsneSettings(points, dims, perplexity, THETA, ITERATIONS, seed);
    }

    /** What the summary and the files print. */
    public String describe() {
        return String.format(Locale.ROOT, "pca %d, perplexity %s, theta %s, %d iterations, seed %d", pcaDims,
                trim(perplexity), trim(theta), iterations, seed);
    }

    /** The cache key of these settings on the data set whose {@link Dataset#contentHash()} is {@code dataHash}. */
    public String key(String dataHash) {
        return Sha256.hex("lesion-tsne-v1\n" + LIBRARY + "\ndata=" + dataHash + "\npoints=" + points + "\npca="
                + pcaDims + "\nperplexity=" + Double.toString(perplexity) + "\ntheta=" + Double.toString(theta)
                + "\niterations=" + iterations + "\nseed=" + seed + "\n");
    }

    /** At most 4 decimals, without trailing zeros: 40, 0.5, 16.3333. */
    private static String trim(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.4f", v)).stripTrailingZeros().toPlainString();
    }
}
