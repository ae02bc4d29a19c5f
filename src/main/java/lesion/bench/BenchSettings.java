package lesion.bench;

/**
 * What {@code lesion bench} was asked for. {@code images}: test images of every workload (null: all 10,000 for
 * the MLP, {@link #DEFAULT_VGG_IMAGES} for VGG); {@code groups}: random groups per proportion and conv layer;
 * {@code repeat}: timed repeats of the MLP sweep (the best counts); {@code trainEpochs}: training of the MLP;
 * {@code trainImages}: training images (null: all); {@code matmulSize}: side of the square matrices of the
 * matrix-multiply rate; {@code seed}: training, weights and random groups.
 */
public record BenchSettings(Integer images, int groups, int repeat, int trainEpochs, Integer trainImages,
        int matmulSize, long seed) {

    public static final int DEFAULT_VGG_IMAGES = 500;

    public BenchSettings {
        if (images != null && images < 1 || trainImages != null && trainImages < 1) {
            throw new IllegalArgumentException("--images and --train-images must be at least 1");
        }
        if (groups < 1 || repeat < 1 || matmulSize < 1) {
            throw new IllegalArgumentException("--groups, --repeat and --matmul-size must be at least 1");
        }
        if (trainEpochs < 0) {
            throw new IllegalArgumentException("--train-epochs must not be negative");
        }
    }

    /** Test images for a workload whose own default is {@code fallback}, at most {@code available}. */
    int testImages(int fallback, int available) {
        return Math.min(available, images != null ? images : fallback);
    }

    /** Training images, at most {@code available}. */
    int trainImages(int available) {
        return trainImages == null ? available : Math.min(available, trainImages);
    }
}
