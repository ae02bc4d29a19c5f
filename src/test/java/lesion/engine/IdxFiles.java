package lesion.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Raw IDX bytes: magic 00 00, the type byte, the dimension count, big-endian dims, then {@code data}. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(type);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        out.write(data, 0, data.length);
        return out.toByteArray();
    }

    static byte[] images(int count, int rows, int cols, int seed) {
        byte[] data = new byte[count * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + seed);
        }
        return idx(0x08, new int[] {count, rows, cols}, data);
    }

    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(0x08, new int[] {labels.length}, data);
    }

    /** A valid tiny data set: 6 train and 4 test images of 2x3 pixels. */
    static Path writeValidSet(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(IdxDataset.TRAIN_IMAGES), images(6, 2, 3, 1));
        Files.write(dir.resolve(IdxDataset.TRAIN_LABELS), labels(0, 1, 2, 3, 9, 5));
        Files.write(dir.resolve(IdxDataset.TEST_IMAGES), images(4, 2, 3, 2));
        Files.write(dir.resolve(IdxDataset.TEST_LABELS), labels(7, 8, 9, 0));
        return dir;
    }
}
