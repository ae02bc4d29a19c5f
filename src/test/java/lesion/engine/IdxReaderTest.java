package lesion.engine;

import lesion.results.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The message must name the file and contain each fragment. */
    private static void assertFails(Path file, Runnable action, String... fragments) {
        EngineException e = assertThrows(EngineException.class, action::run);
        assertTrue(e.getMessage().contains(file.toString()), "message should name " + file + ": " + e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message should contain '" + f + "': " + e.getMessage());
        }
    }

    @Test
    void readsAValidDataSet() throws IOException {
        IdxFiles.writeValidSet(dir);
        Dataset d = IdxDataset.load(dir);
        assertEquals(6, d.trainSize());
        assertEquals(4, d.testSize());
        assertEquals(6, d.featureSize());
        assertArrayEquals(new int[] {1, 2, 3}, d.imageShape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 9, 5}, d.trainLabels());
        assertArrayEquals(new int[] {7, 8, 9, 0}, d.testLabels());
        // pixel i of the training file is (i*37+1) mod 256, scaled to [0,1]
        float[] first = d.trainFeatures().getRow(1).toFloatVector();
        for (int j = 0; j < 6; j++) {
            assertEquals(((6 + j) * 37 + 1 & 0xff) / 255f, first[j]);
        }
        assertEquals(Sha256.hex(Files.readAllBytes(dir.resolve(IdxDataset.TEST_LABELS))),
                d.fileHashes().get(IdxDataset.TEST_LABELS));
        assertEquals(IdxDataset.FILE_NAMES, d.fileHashes().keySet().stream().toList());
    }

    @Test
    void limitTakesThePrefixAndChangesTheContentHash() throws IOException {
        Dataset d = IdxDataset.load(IdxFiles.writeValidSet(dir));
        Dataset small = d.limit(3, 2);
        assertArrayEquals(new int[] {0, 1, 2}, small.trainLabels());
        assertArrayEquals(new int[] {7, 8}, small.testLabels());
        assertEquals(d.testFeatures().getRow(1), small.testFeatures().getRow(1));
        assertNotEquals(d.contentHash(), small.contentHash());
        assertEquals(small.contentHash(), d.limit(3, 2).contentHash());
        assertEquals(d.contentHash(), IdxDataset.load(dir).contentHash());
        EngineException e = assertThrows(EngineException.class, () -> d.limit(7, 2));
        assertTrue(e.getMessage().contains("7 training images"), e.getMessage());
    }

    @Test
    void rejectsABadMagic() throws IOException {
        byte[] bytes = IdxFiles.labels(1, 2, 3);
        bytes[1] = 0x01;
        Path p = write("bad-magic", bytes);
        assertFails(p, () -> IdxReader.readLabels(p, 10), "not an IDX file", "00 01");
    }

    @Test
    void rejectsAnotherDataType() throws IOException {
        Path p = write("floats", IdxFiles.idx(0x0D, new int[] {2}, new byte[8]));
        assertFails(p, () -> IdxReader.readLabels(p, 10), "0x0d", "float", "only 0x08");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] full = IdxFiles.images(3, 2, 2, 0);
        Path p = write("short", Arrays.copyOf(full, full.length - 1));
        assertFails(p, () -> IdxReader.readImages(p), "truncated", "3x2x2", "need 28 bytes", "has 27 bytes");
    }

    @Test
    void rejectsATruncatedHeader() throws IOException {
        Path p = write("header", Arrays.copyOf(IdxFiles.images(3, 2, 2, 0), 9));
        assertFails(p, () -> IdxReader.readImages(p), "truncated", "3 dimensions");
        Path tiny = write("tiny", new byte[] {0, 0});
        assertFails(tiny, () -> IdxReader.readImages(tiny), "only 2 bytes");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        byte[] full = IdxFiles.labels(1, 2, 3);
        Path p = write("long", Arrays.copyOf(full, full.length + 5));
        assertFails(p, () -> IdxReader.readLabels(p, 10), "5 unexpected trailing bytes", "need 11 bytes");
    }

    @Test
    void rejectsALabelOutOfRange() throws IOException {
        Path p = write("labels", IdxFiles.labels(1, 2, 10, 3));
        assertFails(p, () -> IdxReader.readLabels(p, 10), "label 10 at index 2", "0..9");
        assertEquals(4, IdxReader.readLabels(p, 11).labels().length);
    }

    @Test
    void rejectsWrongDimensionCounts() throws IOException {
        Path labels = write("labels", IdxFiles.labels(1, 2));
        assertFails(labels, () -> IdxReader.readImages(labels), "should hold images", "1 dimensions");
        Path images = write("images", IdxFiles.images(2, 2, 2, 0));
        assertFails(images, () -> IdxReader.readLabels(images, 10), "should hold labels", "3 dimensions");
    }

    @Test
    void rejectsHugeDimensions() throws IOException {
        Path p = write("huge", IdxFiles.idx(0x08, new int[] {-1, 60000}, new byte[0]));
        assertFails(p, () -> IdxReader.read(p), "too large");
    }

    @Test
    void rejectsMismatchedCounts() throws IOException {
        IdxFiles.writeValidSet(dir);
        Path labels = write(IdxDataset.TRAIN_LABELS, IdxFiles.labels(1, 2, 3));
        EngineException e = assertThrows(EngineException.class, () -> IdxDataset.load(dir));
        assertTrue(e.getMessage().contains(labels.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("6 images") && e.getMessage().contains("3 labels"), e.getMessage());
    }

    @Test
    void rejectsDifferentImageSizes() throws IOException {
        IdxFiles.writeValidSet(dir);
        Path test = write(IdxDataset.TEST_IMAGES, IdxFiles.images(4, 3, 2, 0));
        EngineException e = assertThrows(EngineException.class, () -> IdxDataset.load(dir));
        assertTrue(e.getMessage().contains(test.toString()) && e.getMessage().contains("3x2"), e.getMessage());
    }

    @Test
    void namesAMissingFile() throws IOException {
        IdxFiles.writeValidSet(dir);
        Files.delete(dir.resolve(IdxDataset.TEST_LABELS));
        EngineException e = assertThrows(EngineException.class, () -> IdxDataset.load(dir));
        assertTrue(e.getMessage().contains("missing data file " + dir.resolve(IdxDataset.TEST_LABELS)),
                e.getMessage());
    }
}
