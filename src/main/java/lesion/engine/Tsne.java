package lesion.engine;

/**
 * Computes a 2-D t-SNE of a data set's test images with de.javagl's bh-tsne, a Barnes-Hut port (O(n log n) per
 * iteration) of Leif Jonsson's T-SNE-Java: PCA by singular value decomposition (EJML), then t-SNE as van der Maaten's
 * bhtsne does it. The result is deterministic: the start is drawn from a {@code java.util.Random} with the
 * settings' seed, and the library's parallel loop gives every point its own slots and sums them in a fixed order.
 */
public final class Tsne {
    private Tsne() {
    }

    /**
     * Point {@code i} of the result ({@code [i][0]}, {@code [i][1]}) embeds test image {@code i}. Works on a copy of
     * the images: the library's PCA subtracts the mean in place, and the data set's images must stay as they are
     * for every later evaluation. Cancellation is checked after every iteration.
     */
    public static double[][] embed(Dataset data, TsneSettings settings, Cancellation cancellation) {
        if (data.testSize() != settings.points()) {
            throw new IllegalArgumentException("settings for " + settings.points() + " points, but the data has "
                    + data.testSize() + " test images");
        }
        double[][] images = data.testFeatures().toDoubleMatrix();
        de.javagl.tsne.Tsne tsne = new de.javagl.tsne.Tsne();
        tsne.setOutputDims(2);
        // PCA runs only when it reduces: pcaDims equal to the image size means none
        tsne.setInitialDims(settings.pcaDims());
        tsne.setPerplexity(settings.perplexity());
        tsne.setTheta(settings.theta());
        tsne.setMaxIterations(settings.iterations());
        tsne.setRandomSeed(settings.seed());
        // the library prints to stdout unless told otherwise
        tsne.setMessageConsumer(null);
        tsne.setProgressConsumer(progress -> cancellation.check());
        return tsne.run(images);
    }
}
