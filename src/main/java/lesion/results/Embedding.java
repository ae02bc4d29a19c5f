package lesion.results;

/**
 * A 2-D embedding of the test images: point {@code i} ({@code x[i]}, {@code y[i]}) is test image {@code i}, whose
 * true class is {@code labels[i]}. {@code settings} says how it was computed (for the summary and the files);
 * {@code cached} is true when it was read from the cache rather than computed in this run.
 */
public record Embedding(String method, String settings, int[] labels, double[] x, double[] y, boolean cached) {
    public Embedding {
        if (labels.length != x.length || x.length != y.length) {
            throw new IllegalArgumentException("labels and coordinates differ in count");
        }
        labels = labels.clone();
        x = x.clone();
        y = y.clone();
    }

    public int points() {
        return labels.length;
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }
}
