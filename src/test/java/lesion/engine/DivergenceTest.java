package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** A network whose training blows up is an error, never a result: not scored as right, not cached. */
class DivergenceTest {
    @TempDir
    Path tmp;

    @Test
    void nanScoresCountAsWrongForTop1AndTop5() {
        float nan = Float.NaN;
        float[][] scores = {{nan, nan, nan}, {0.1f, 0.7f, 0.2f}};
        int[] labels = {0, 1};
        int[] predicted = new int[2];
        BitSet top5 = new BitSet();
        Scorer.score(Nd4j.create(scores), labels, 0, predicted, top5);
        assertEquals(-1, predicted[0]);
        assertFalse(top5.get(0));
        assertEquals(1, predicted[1]);
        assertTrue(top5.get(1));
    }

    @Test
    void divergingTrainingFailsWithAClearMessageAndCachesNothing() throws Exception {
        MlpSpec spec = TestData.mlp("identity", true, 784, 20, 10);
        TrainSpec wild = TrainSpec.sgd(2, 32, 10.0, 0.99, 1);
        ModelCache cache = new ModelCache(tmp);
        EngineException e = assertThrows(EngineException.class,
                () -> cache.getOrTrain(spec, wild, TestData.small(), new Trainer()));
        assertTrue(e.getMessage().contains("training diverged"), e.getMessage());
        assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
        Path models = tmp.resolve("models");
        if (Files.isDirectory(models)) {
            try (var entries = Files.list(models)) {
                assertEquals(0, entries.filter(p -> !p.getFileName().toString().startsWith(".")).count());
            }
        }
    }
}
