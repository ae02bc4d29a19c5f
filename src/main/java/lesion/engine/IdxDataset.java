package lesion.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads a data set from a folder holding the four MNIST-style IDX files (any image size, labels below 10). */
public final class IdxDataset {

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** The four file names, in the order they are read. */
    public static final List<String> FILE_NAMES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /** MNIST has ten digit classes; labels must be below this. */
    public static final int NUM_CLASSES = 10;

    private IdxDataset() {
    }

    /**
     * Reads and validates the four files in {@code dir}: every IDX check of {@link IdxReader}, plus matching
     * image and label counts and the same image size in train and test.
     */
    public static Dataset load(Path dir) {
        IdxReader.Images trainImages = IdxReader.readImages(dir.resolve(TRAIN_IMAGES));
        IdxReader.Labels trainLabels = IdxReader.readLabels(dir.resolve(TRAIN_LABELS), NUM_CLASSES);
        IdxReader.Images testImages = IdxReader.readImages(dir.resolve(TEST_IMAGES));
        IdxReader.Labels testLabels = IdxReader.readLabels(dir.resolve(TEST_LABELS), NUM_CLASSES);
        checkCounts(trainImages, trainLabels);
        checkCounts(testImages, testLabels);
        if (trainImages.rows() != testImages.rows() || trainImages.cols() != testImages.cols()) {
            throw new EngineException("image sizes differ: " + trainImages.path() + " has " + trainImages.rows() + "x"
                    + trainImages.cols() + " images but " + testImages.path() + " has " + testImages.rows() + "x"
                    + testImages.cols());
        }
        if (trainImages.count() == 0 || testImages.count() == 0) {
            Path empty = trainImages.count() == 0 ? trainImages.path() : testImages.path();
            throw new EngineException("data file " + empty + " holds no images");
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        hashes.put(TRAIN_IMAGES, trainImages.sha256());
        hashes.put(TRAIN_LABELS, trainLabels.sha256());
        hashes.put(TEST_IMAGES, testImages.sha256());
        hashes.put(TEST_LABELS, testLabels.sha256());
        return new Dataset(dir.toString(),
                Dataset.features(trainImages.bytes(), trainImages.offset(), trainImages.count(),
                        trainImages.pixelsPerImage()),
                trainLabels.labels(),
                Dataset.features(testImages.bytes(), testImages.offset(), testImages.count(),
                        testImages.pixelsPerImage()),
                testLabels.labels(), NUM_CLASSES, new int[] {1, trainImages.rows(), trainImages.cols()}, hashes);
    }

    private static void checkCounts(IdxReader.Images images, IdxReader.Labels labels) {
        if (images.count() != labels.labels().length) {
            throw new EngineException("data files disagree: " + images.path() + " holds " + images.count()
                    + " images but " + labels.path() + " holds " + labels.labels().length + " labels");
        }
    }
}
