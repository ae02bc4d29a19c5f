package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTest {

    @TempDir
    Path dir;

    @Test
    void describesItsLayers() {
        Network net = Trainer.untrained(TestData.mlp("relu", true, 784, 20, 12, 10), 1);
        assertEquals(3, net.layerCount());
        assertEquals(784, net.inputSize());
        assertEquals(20, net.units(0));
        assertEquals(12, net.units(1));
        assertEquals(10, net.units(2));
        assertEquals("hidden1", net.layerName(0));
        assertEquals("hidden2", net.layerName(1));
        assertEquals("output", net.layerName(2));
        assertTrue(net.hasBias(2));
        assertEquals(784 * 20 + 20 + 20 * 12 + 12 + 12 * 10 + 10, net.parameterCount());
        Network noBias = Trainer.untrained(TestData.mlp("relu", false, 784, 20, 10), 1);
        assertFalse(noBias.hasBias(0));
        assertFalse(noBias.hasBias(1));
        assertEquals(784 * 20 + 20 * 10, noBias.parameterCount());
        assertThrows(IllegalArgumentException.class, () -> net.units(3));
    }

    @Test
    void savesAndLoadsTheSameNetwork() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TrainSpec.adam(2, 32, 0.005, 7))
                .trained();
        Path file = dir.resolve("sub").resolve("net.zip");
        net.save(file);
        Network back = Network.load(file);
        assertEquals(net.paramsSha256(), back.paramsSha256());
        assertEquals(net.evaluate(TestData.small()), back.evaluate(TestData.small()));
        assertEquals(net.toString(), back.toString());
    }

    @Test
    void copiesAreIndependent() {
        Network net = Trainer.untrained(TestData.mlp("relu", true, 784, 10, 10), 5);
        Network copy = net.copy();
        assertEquals(net.paramsSha256(), copy.paramsSha256());
        copy.dl4j().getParam("0_W").putScalar(0, 0, 42f);
        assertFalse(net.paramsSha256().equals(copy.paramsSha256()));
    }

    @Test
    void explainsAMissingOrDamagedModelFile() throws IOException {
        Path missing = dir.resolve("nope.zip");
        EngineException e = assertThrows(EngineException.class, () -> Network.load(missing));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("does not exist"),
                e.getMessage());

        Path garbage = dir.resolve("garbage.zip");
        Files.writeString(garbage, "this is not a zip file");
        e = assertThrows(EngineException.class, () -> Network.load(garbage));
        assertTrue(e.getMessage().contains(garbage.toString()) && e.getMessage().contains("not a valid DL4J model"),
                e.getMessage());

        Path truncated = dir.resolve("truncated.zip");
        Network.load(saved()).save(truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(EngineException.class, () -> Network.load(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()), e.getMessage());
    }

    @Test
    void rejectsDataOfAnotherShape() throws IOException {
        Network net = Trainer.untrained(TestData.mlp("relu", true, 784, 10, 10), 5);
        Dataset tiny = IdxDataset.load(IdxFiles.writeValidSet(dir.resolve("tiny")));
        EngineException e = assertThrows(EngineException.class, () -> net.evaluate(tiny));
        assertTrue(e.getMessage().contains("784 inputs") && e.getMessage().contains("has 6"), e.getMessage());
    }

    @Test
    void engineInfoNamesVersionsAndThreads() {
        Map<String, String> info = EngineInfo.describe();
        assertEquals("1.0.0-M2.1", info.get("dl4j.version"));
        assertEquals("CpuBackend", info.get("nd4j.backend"));
        assertEquals(System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), info.get("omp_num_threads"));
        assertEquals("10000", info.get("eval.chunk_rows"));
        assertFalse(info.get("blas.vendor").isBlank());
        assertTrue(info.get("nd4j.threads").matches("\\d+"), info.toString());
    }

    private Path saved() {
        Path p = dir.resolve("base.zip");
        Trainer.untrained(TestData.mlp("relu", true, 784, 10, 10), 5).save(p);
        return p;
    }
}
