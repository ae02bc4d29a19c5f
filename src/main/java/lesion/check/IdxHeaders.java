package lesion.check;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shape of a {@code data idx "dir"} data set from the headers of its two image files (16 bytes each), so that
 * check and plan can lay out a model that adapts to the images (VGG-19) without loading the data. The engine reads
 * and validates the whole files at run time; here a file that cannot be understood only leaves the shape unknown,
 * with the reason.
 */
final class IdxHeaders {
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** Classes of an IDX data set: labels are digits below 10, as the engine's loader requires. */
    static final int CLASSES = 10;

    private IdxHeaders() {
    }

    /** The data set's shape; throws IOException with a reason when a header cannot be read. */
    static DataShape read(Path dir) throws IOException {
        int[] train = imageHeader(dir.resolve(TRAIN_IMAGES));
        int[] test = imageHeader(dir.resolve(TEST_IMAGES));
        if (train[1] != test[1] || train[2] != test[2]) {
            throw new IOException("the training images are " + train[1] + "x" + train[2] + " but the test images are "
                    + test[1] + "x" + test[2]);
        }
        return new DataShape("idx", 1, train[1], train[2], CLASSES, train[0], test[0]);
    }

    /** count, rows, cols of an IDX image file (unsigned bytes, 3 dimensions). */
    private static int[] imageHeader(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("missing " + file.getFileName());
        }
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            int magic = data.readInt();
            if (magic != 0x00000803) {
                throw new IOException(file.getFileName() + " is not an IDX file of images (its first bytes are "
                        + String.format("%08x", magic) + ", expected 00000803)");
            }
            int[] dims = {data.readInt(), data.readInt(), data.readInt()};
            if (dims[0] < 0 || dims[1] < 1 || dims[2] < 1) {
                throw new IOException(file.getFileName() + " declares images of " + dims[0] + " x " + dims[1] + " x "
                        + dims[2]);
            }
            return dims;
        } catch (java.io.EOFException e) {
            throw new IOException(file.getFileName() + " is shorter than an IDX header", e);
        }
    }
}
