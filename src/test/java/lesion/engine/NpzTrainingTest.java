package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training that starts from a weights file: the loaded weights are the initial weights (what {@code by mannwhitney}
 * compares with), and the model cache keeps networks trained from different files, or from none, apart.
 */
class NpzTrainingTest {

    @TempDir
    Path tmp;

    private static final MlpSpec SPEC = TestData.mlp("relu", true, 784, 6, 10);
    private static final TrainSpec TRAIN = TrainSpec.adam(1, 10, 0.01, 4);

    private static Dataset tiny() {
        return IdxDataset.load(Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx"));
    }

    private NpzWeights weights(String name, long seed) throws IOException {
        return NpzWeights.read(NpzFiles.write(tmp.resolve(name), NpzWeightsTest.randomArrays(
                Trainer.untrained(SPEC, 1), seed)));
    }

    @Test
    void trainingStartsFromTheLoadedWeights() throws IOException {
        NpzWeights start = weights("w.npz", 7);
        Network loaded = Trainer.untrained(SPEC, 0);
        start.copyInto(loaded);

        TrainedModel fromFile = new Trainer().train(SPEC, TRAIN, tiny(), start);
        assertEquals(loaded.paramsSha256(), fromFile.initial().paramsSha256(), "the initial weights are the file's");
        assertNotEquals(loaded.paramsSha256(), fromFile.trained().paramsSha256(), "and training moved them");
        TrainedModel fromSeed = new Trainer().train(SPEC, TRAIN, tiny());
        assertNotEquals(fromSeed.trained().paramsSha256(), fromFile.trained().paramsSha256());
        assertEquals(fromFile.trained().paramsSha256(),
                new Trainer().train(SPEC, TRAIN, tiny(), start).trained().paramsSha256(), "deterministic");
    }

    @Test
    void theCacheKeyIncludesTheWeightsFile() throws IOException {
        List<String> warnings = new ArrayList<>();
        ModelCache cache = new ModelCache(tmp.resolve("cache"), warnings::add);
        Dataset data = tiny();
        NpzWeights a = weights("a.npz", 7);
        NpzWeights b = weights("b.npz", 8);
        // without weights the key is what it always was, so existing cache entries stay valid
        assertEquals(cache.key(SPEC, TRAIN, data), cache.key(SPEC, TRAIN, data, null));
        assertFalse(cache.keyMaterial(SPEC, TRAIN, data).contains("weights"));
        assertTrue(cache.keyMaterial(SPEC, TRAIN, data, a).endsWith("weights npz " + a.sha256() + "\n"));
        assertNotEquals(cache.key(SPEC, TRAIN, data, a), cache.key(SPEC, TRAIN, data, b));

        TrainedModel first = cache.getOrTrain(SPEC, TRAIN, data, new Trainer(), a);
        assertFalse(first.fromCache());
        TrainedModel again = cache.getOrTrain(SPEC, TRAIN, data, new Trainer(), a);
        assertTrue(again.fromCache());
        assertEquals(first.initial().paramsSha256(), again.initial().paramsSha256());
        assertEquals(first.trained().paramsSha256(), again.trained().paramsSha256());
        TrainedModel other = cache.getOrTrain(SPEC, TRAIN, data, new Trainer(), b);
        assertFalse(other.fromCache(), "another file trains anew");
        assertFalse(cache.getOrTrain(SPEC, TRAIN, data, new Trainer()).fromCache(), "so does no file");
        assertEquals(List.of(), warnings);
    }
}
