package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {

    private static final MlpSpec SPEC = TestData.mlp("relu", true, 784, 20, 10, 10);
    private static final TrainSpec TRAIN = TrainSpec.adam(1, 64, 0.005, 21);

    @TempDir
    Path root;

    /** A trainer that counts how often it really trains. */
    private static final class CountingTrainer extends Trainer {
        int calls;

        @Override
        public TrainedModel train(Architecture spec, TrainSpec train, Dataset data) {
            calls++;
            return super.train(spec, train, data);
        }
    }

    @Test
    void trainsOnceThenServesFromTheCache() throws IOException {
        List<String> warnings = new ArrayList<>();
        ModelCache cache = new ModelCache(root, warnings::add);
        CountingTrainer trainer = new CountingTrainer();
        TrainedModel first = cache.getOrTrain(SPEC, TRAIN, TestData.small(), trainer);
        assertEquals(1, trainer.calls);
        assertFalse(first.fromCache());

        TrainedModel second = new ModelCache(root, warnings::add).getOrTrain(SPEC, TRAIN, TestData.small(), trainer);
        assertEquals(1, trainer.calls, "a cache hit must not train");
        assertTrue(second.fromCache());
        assertEquals(first.trained().paramsSha256(), second.trained().paramsSha256());
        assertEquals(first.initial().paramsSha256(), second.initial().paramsSha256());
        assertEquals(first.trained().evaluate(TestData.small()), second.trained().evaluate(TestData.small()));
        assertEquals(List.of(), warnings);

        Path entry = cache.entry(cache.key(SPEC, TRAIN, TestData.small()));
        assertEquals(List.of("initial.zip", "key.txt", "params.txt", "trained.zip"), list(entry));
        assertEquals(List.of(entry.getFileName().toString()), list(root.resolve("models")), "no temp folders left");
        String key = Files.readString(entry.resolve("key.txt"));
        assertTrue(key.contains(SPEC.canonical()) && key.contains(TRAIN.canonical())
                && key.contains(TestData.small().contentHash()) && key.contains("omp_num_threads"), key);
    }

    @Test
    void retrainsADamagedEntryWithAWarning() throws IOException {
        List<String> warnings = new ArrayList<>();
        ModelCache cache = new ModelCache(root, warnings::add);
        CountingTrainer trainer = new CountingTrainer();
        TrainedModel first = cache.getOrTrain(SPEC, TRAIN, TestData.small(), trainer);
        Path entry = cache.entry(cache.key(SPEC, TRAIN, TestData.small()));
        Files.write(entry.resolve("trained.zip"), new byte[] {'P', 'K', 3, 4, 0, 0});

        TrainedModel again = cache.getOrTrain(SPEC, TRAIN, TestData.small(), trainer);
        assertEquals(2, trainer.calls);
        assertFalse(again.fromCache());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(entry.toString()) && warnings.get(0).contains("training it again"),
                warnings.get(0));
        assertEquals(first.trained().paramsSha256(), again.trained().paramsSha256());
        // the rewritten entry is good again
        assertTrue(cache.getOrTrain(SPEC, TRAIN, TestData.small(), trainer).fromCache());
        assertEquals(2, trainer.calls);
    }

    @Test
    void keyDependsOnEverythingThatChangesTheWeights() {
        ModelCache cache = new ModelCache(root);
        Dataset data = TestData.small();
        String key = cache.key(SPEC, TRAIN, data);
        assertEquals(key, cache.key(TestData.mlp("relu", true, 784, 20, 10, 10), TrainSpec.adam(1, 64, 0.005, 21),
                TestData.mnist().limit(2000, 1000)));
        assertNotEquals(key, cache.key(SPEC, TrainSpec.adam(1, 64, 0.005, 22), data));
        assertNotEquals(key, cache.key(SPEC, TrainSpec.adam(2, 64, 0.005, 21), data));
        assertNotEquals(key, cache.key(SPEC, TrainSpec.adam(1, 64, 0.004, 21), data));
        assertNotEquals(key, cache.key(TestData.mlp("tanh", true, 784, 20, 10, 10), TRAIN, data));
        assertNotEquals(key, cache.key(TestData.mlp("relu", false, 784, 20, 10, 10), TRAIN, data));
        assertNotEquals(key, cache.key(SPEC, TRAIN, TestData.mnist().limit(2001, 1000)));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
