package lesion.engine;

import static lesion.engine.NpzFiles.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import lesion.engine.NpzFiles.Array;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A weights file that does not fit the declared network is refused with a message naming the file, the arrays and
 * what is wrong, and the network is left as it was.
 */
class NpzWeightsErrorTest {

    @TempDir
    Path tmp;

    private static final MlpSpec SPEC = TestData.mlp("relu", true, 6, 4, 3);
    private static final String EXPECTED = "the model expects exactly these 4 arrays (torch's names and layouts, see "
            + "'weights' in the README): hidden1.weight (4, 6), hidden1.bias (4,), output.weight (3, 4), "
            + "output.bias (3,)";

    /** A correct export of a 6-4-3 MLP, to be damaged by each test. */
    private static Map<String, Array> good() {
        return new LinkedHashMap<>(TorchExport.of(Trainer.untrained(SPEC, 1)));
    }

    /** Loads {@code arrays} into a fresh 6-4-3 MLP; returns the error, after checking the network is unchanged. */
    private String loadError(Map<String, Array> arrays) throws IOException {
        Path file = NpzFiles.write(tmp.resolve("w.npz"), arrays);
        Network net = Trainer.untrained(SPEC, 2);
        String before = net.paramsSha256();
        EngineException e = assertThrows(EngineException.class, () -> NpzWeights.read(file).copyInto(net));
        assertEquals(before, net.paramsSha256(), "a file that does not fit changes nothing");
        assertTrue(e.getMessage().startsWith("weights file " + file + ": "), e.getMessage());
        return e.getMessage().substring(("weights file " + file + ": ").length());
    }

    @Test
    void aMissingArrayIsNamedWithEveryExpectedArray() throws IOException {
        Map<String, Array> arrays = good();
        arrays.remove("output.bias");
        assertEquals("the arrays do not fit the model Network[6,4,3]: array 'output.bias' is missing; " + EXPECTED,
                loadError(arrays));
    }

    @Test
    void anArrayTheModelDoesNotHaveIsNamed() throws IOException {
        Map<String, Array> arrays = good();
        arrays.put("hidden2.weight", Array.f32(shape(3, 4), new double[12]));
        assertEquals("the arrays do not fit the model Network[6,4,3]: array 'hidden2.weight' is not part of the "
                + "model; " + EXPECTED, loadError(arrays));
    }

    @Test
    void biasesForAModelWithoutBiasesAreNotPartOfIt() throws IOException {
        MlpSpec nobias = TestData.mlp("relu", false, 6, 4, 3);
        Path file = NpzFiles.write(tmp.resolve("w.npz"), good());
        EngineException e = assertThrows(EngineException.class,
                () -> NpzWeights.read(file).copyInto(Trainer.untrained(nobias, 1)));
        assertTrue(e.getMessage().contains("arrays 'hidden1.bias', 'output.bias' are not part of the model"),
                e.getMessage());
    }

    @Test
    void aPrefixedExportIsToldWhichPrefixToDrop() throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>();
        good().forEach((name, a) -> arrays.put("model." + name, a));
        String message = loadError(arrays);
        assertTrue(message.startsWith("the arrays do not fit the model Network[6,4,3]: arrays 'hidden1.weight', "
                + "'hidden1.bias', 'output.weight', 'output.bias' are missing; arrays 'model.hidden1.weight', "
                + "'model.hidden1.bias', 'model.output.weight', 'model.output.bias' are not part of the model (drop "
                + "the prefix 'model.')"), message);
    }

    @Test
    void aWrongShapeSaysExpectedAndFoundAndSpotsATranspose() throws IOException {
        Map<String, Array> arrays = good();
        arrays.put("hidden1.weight", Array.f32(shape(6, 4), new double[24]));
        arrays.put("output.bias", Array.f32(shape(1, 3), new double[3]));
        assertEquals("the arrays do not fit the model Network[6,4,3]: array 'hidden1.weight' has shape (6, 4), "
                + "expected (4, 6) (torch's [out, in]; this is the [in, out] transpose); array 'output.bias' has shape "
                + "(1, 3), expected (3,)", loadError(arrays));
    }

    @Test
    void aNonFloatArrayIsRefusedWithItsType() throws IOException {
        Map<String, Array> arrays = good();
        arrays.put("hidden1.bias", arrays.get("hidden1.bias").as("<i8", false));
        assertEquals("array 'hidden1.bias' has dtype int64 ('<i8'); weights must be float32 or float64 (convert "
                + "with .astype(numpy.float32))", loadError(arrays));
    }

    @Test
    void nanAndInfiniteValuesAreRefused() throws IOException {
        Map<String, Array> arrays = good();
        double[] w = arrays.get("output.weight").values().clone();
        w[5] = Double.NaN;
        arrays.put("output.weight", Array.f32(shape(3, 4), w));
        assertEquals("array 'output.weight' holds NaN at flat index 5 (weights must be finite)", loadError(arrays));

        arrays = good();
        arrays.put("hidden1.bias", new Array("<f8", false, shape(4), new double[] {0, 1e39, 0, 0}));
        assertEquals("array 'hidden1.bias' holds Infinity at flat index 1 (weights must be finite; a float64 value "
                + "beyond float32's range also becomes infinite)", loadError(arrays));
    }

    @Test
    void aFileThatIsNotAnNpzIsAClearError() throws IOException {
        Path file = Files.writeString(tmp.resolve("w.npz"), "not numpy at all");
        EngineException e = assertThrows(EngineException.class, () -> NpzWeights.read(file));
        assertTrue(e.getMessage().startsWith("weights file " + file + " is not an .npz file"), e.getMessage());

        Path npy = tmp.resolve("w.npy");
        Files.write(npy, NpzFiles.npy(Array.f32(shape(2), 1, 2)));
        e = assertThrows(EngineException.class, () -> NpzWeights.read(npy));
        assertTrue(e.getMessage().startsWith("weights file " + npy + " is not an .npz file"), e.getMessage());
    }

    @Test
    void batchNormStatisticsAreCheckedAndTorchsCounterIsIgnored() throws IOException {
        Map<String, Array> arrays = new LinkedHashMap<>(TorchExport.of(Trainer.untrained(TestData.tinyVgg(), 1)));
        assertTrue(arrays.containsKey("features.1.num_batches_tracked"), "the export has torch's int64 counter");
        Path file = NpzFiles.write(tmp.resolve("vgg.npz"), arrays);
        NpzWeights.read(file).copyInto(Trainer.untrained(TestData.tinyVgg(), 2));

        double[] var = arrays.get("features.4.running_var").values().clone();
        var[2] = -0.5;
        arrays.put("features.4.running_var", Array.f32(shape(4), var));
        arrays.remove("features.50.running_mean");
        Path bad = NpzFiles.write(tmp.resolve("bad.npz"), arrays);
        EngineException e = assertThrows(EngineException.class,
                () -> NpzWeights.read(bad).copyInto(Trainer.untrained(TestData.tinyVgg(), 2)));
        assertTrue(e.getMessage().startsWith("weights file " + bad + ": the arrays do not fit the model "
                + "Network[1x28x28: 61 layers, 16 conv, 10 outputs]: array 'features.50.running_mean' is missing; "
                + "the model expects exactly these 102 arrays"), e.getMessage());
        assertTrue(e.getMessage().contains("features.0.weight (4, 1, 3, 3), features.0.bias (4,), features.1.weight "
                + "(4,), features.1.bias (4,), features.1.running_mean (4,), features.1.running_var (4,), "
                + "features.3.weight (4, 4, 3, 3)"), e.getMessage());
        assertFalse(e.getMessage().contains("num_batches_tracked"), "optional, so not listed");

        arrays.put("features.50.running_mean", arrays.get("features.50.bias"));
        Path negative = NpzFiles.write(tmp.resolve("negative.npz"), arrays);
        e = assertThrows(EngineException.class,
                () -> NpzWeights.read(negative).copyInto(Trainer.untrained(TestData.tinyVgg(), 2)));
        assertEquals("weights file " + negative + ": array 'features.4.running_var' holds the negative variance -0.5 "
                + "at index 2", e.getMessage());
    }
}
