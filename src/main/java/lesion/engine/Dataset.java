package lesion.engine;

import lesion.results.Sha256;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A loaded image-classification data set: train and test images (floats scaled to [0,1], flattened row-major,
 * e.g. 784 values for a 28x28 image), their labels, and the SHA-256 of every file it was read from.
 */
public final class Dataset {

    private final String source;
    private final INDArray trainFeatures;
    private final int[] trainLabels;
    private final INDArray testFeatures;
    private final int[] testLabels;
    private final int numClasses;
    private final int[] imageShape;
    private final Map<String, String> fileHashes;
    private final String layout;
    private final String contentHash;

    Dataset(String source, INDArray trainFeatures, int[] trainLabels, INDArray testFeatures, int[] testLabels,
            int numClasses, int[] imageShape, Map<String, String> fileHashes) {
        this(source, trainFeatures, trainLabels, testFeatures, testLabels, numClasses, imageShape, fileHashes, null);
    }

    /**
     * {@code layout} names the rule that turned the files into these train and test sets, when that rule is not
     * the files' own order (e.g. a split made by Lesion); it is part of {@link #contentHash()}, so changing the rule
     * changes the hash. Null for files read as they are.
     */
    Dataset(String source, INDArray trainFeatures, int[] trainLabels, INDArray testFeatures, int[] testLabels,
            int numClasses, int[] imageShape, Map<String, String> fileHashes, String layout) {
        if (trainFeatures.rows() != trainLabels.length || testFeatures.rows() != testLabels.length) {
            throw new IllegalArgumentException("features and labels differ in count");
        }
        this.source = source;
        this.trainFeatures = trainFeatures;
        this.trainLabels = trainLabels;
        this.testFeatures = testFeatures;
        this.testLabels = testLabels;
        this.numClasses = numClasses;
        this.imageShape = imageShape.clone();
        this.fileHashes = Collections.unmodifiableMap(new LinkedHashMap<>(fileHashes));
        this.layout = layout;
        this.contentHash = computeContentHash();
    }

    /** Turns unsigned-byte pixels into a [count, pixels] float matrix scaled to [0,1]. */
    static INDArray features(byte[] bytes, int offset, int count, int pixelsPerImage) {
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, new long[] {count, pixelsPerImage}, 'c');
        // converted in blocks of rows so the heap never holds a float copy of the whole set (188 MB for MNIST)
        int blockRows = Math.max(1, (1 << 22) / pixelsPerImage);
        for (int from = 0; from < count; from += blockRows) {
            int rows = Math.min(blockRows, count - from);
            float[] values = new float[rows * pixelsPerImage];
            int base = offset + from * pixelsPerImage;
            for (int i = 0; i < values.length; i++) {
                values[i] = (bytes[base + i] & 0xff) / 255.0f;
            }
            out.get(NDArrayIndex.interval(from, from + rows), NDArrayIndex.all())
                    .assign(Nd4j.create(values, new long[] {rows, pixelsPerImage}, 'c'));
        }
        return out;
    }

    /** Where the data came from, e.g. the folder it was read from. */
    public String source() {
        return source;
    }

    public int trainSize() {
        return trainLabels.length;
    }

    public int testSize() {
        return testLabels.length;
    }

    /** Number of input values per image (channels x rows x cols). */
    public int featureSize() {
        return (int) trainFeatures.columns();
    }

    public int numClasses() {
        return numClasses;
    }

    /** Channels, rows, cols (e.g. 1, 28, 28 for MNIST). */
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** Test image {@code index}'s values (channels × rows × cols, c order, in [0, 1] for 8-bit images). */
    public float[] testImage(int index) {
        if (index < 0 || index >= testSize()) {
            throw new IllegalArgumentException("test image " + index + " does not exist (0.." + (testSize() - 1)
                    + ")");
        }
        return testFeatures.getRow(index).dup().data().asFloat();
    }

    public int[] trainLabels() {
        return trainLabels.clone();
    }

    public int[] testLabels() {
        return testLabels.clone();
    }

    /** File name to SHA-256 (hex) of every file this data set was read from, for the run manifest. */
    public Map<String, String> fileHashes() {
        return fileHashes;
    }

    /**
     * A SHA-256 (hex) identifying exactly these samples: the hashes of the source files plus the train and test
     * sizes (subsets are always prefixes, so the sizes pin them down). Cheap; used in cache keys.
     */
    public String contentHash() {
        return contentHash;
    }

    /**
     * The first {@code trainCount} training and the first {@code testCount} test samples, in file order.
     * Prefixes rather than random samples so that a subset is fully described by its size and is the same
     * on every machine.
     */
    public Dataset limit(int trainCount, int testCount) {
        if (trainCount < 1 || trainCount > trainSize()) {
            throw new EngineException("cannot take " + trainCount + " training images from " + source + ": it has "
                    + trainSize());
        }
        if (testCount < 1 || testCount > testSize()) {
            throw new EngineException("cannot take " + testCount + " test images from " + source + ": it has "
                    + testSize());
        }
        if (trainCount == trainSize() && testCount == testSize()) {
            return this;
        }
        // dup: a contiguous copy, so later matrix products see the same memory layout as a freshly loaded set
        INDArray train = trainFeatures.get(NDArrayIndex.interval(0, trainCount), NDArrayIndex.all()).dup('c');
        INDArray test = testFeatures.get(NDArrayIndex.interval(0, testCount), NDArrayIndex.all()).dup('c');
        return new Dataset(source, train, Arrays.copyOf(trainLabels, trainCount), test,
                Arrays.copyOf(testLabels, testCount), numClasses, imageShape, fileHashes, layout);
    }

    INDArray trainFeatures() {
        return trainFeatures;
    }

    INDArray testFeatures() {
        return testFeatures;
    }

    int[] trainLabelsShared() {
        return trainLabels;
    }

    private String computeContentHash() {
        StringBuilder sb = new StringBuilder("lesion-dataset-v1\n");
        for (Map.Entry<String, String> e : new TreeMap<>(fileHashes).entrySet()) {
            sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
        if (layout != null) {
            // only when set, so the hashes (and model-cache keys) of data read as it is stay as they were
            sb.append("layout=").append(layout).append('\n');
        }
        sb.append("classes=").append(numClasses).append('\n');
        sb.append("train=").append(trainSize()).append('\n');
        sb.append("test=").append(testSize()).append('\n');
        return Sha256.hex(sb.toString());
    }

    @Override
    public String toString() {
        return "Dataset[" + source + ", train=" + trainSize() + ", test=" + testSize() + "]";
    }
}
