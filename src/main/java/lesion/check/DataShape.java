package lesion.check;

/**
 * What the checker knows of a data set before loading it: image shape, class count and the
 * sizes of the canonical splits. A null shape means "unknown until the files are read".
 */
public record DataShape(String name, int channels, int height, int width, int classes, int trainCount,
        int testCount) {
    public static final DataShape MNIST = new DataShape("mnist", 1, 28, 28, 10, 60_000, 10_000);
    public static final DataShape FASHION = new DataShape("fashion", 1, 28, 28, 10, 60_000, 10_000);

    public int inputSize() {
        return channels * height * width;
    }
}
