package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code model keras "x.h5"} at run time: Keras models (written here in Keras's HDF5 layout, see
 * {@link KerasH5Files}) run with the predictions of DL4J's own import of the same file, and lay out as they run.
 */
class KerasRunTest {
    @TempDir
    Path tmp;

    private final ModelFileInspector inspector = new ModelFileInspector();

    private static MultiLayerNetwork dl4jSequential(Path file) throws Exception {
        return KerasModelImport.importKerasSequentialModelAndWeights(file.toString(), false);
    }

    private static ComputationGraph dl4jFunctional(Path file) throws Exception {
        return KerasModelImport.importKerasModelAndWeights(file.toString(), false);
    }

    @Test
    void sequentialMlpPredictsAsDl4jsImport() throws Exception {
        Path file = tmp.resolve("mlp.h5");
        KerasH5Files.sequential(file, 784, KerasH5Files.mnistDense());
        Network run = ModelFiles.keras(file, "mlp.h5");
        assertTrue(run.denseOnly(), "a Keras MLP runs as an MLP, whose units can be ablated");
        Dataset data = FileModels.tinyIdx();
        INDArray expected = dl4jSequential(file).output(data.testFeatures(), false);
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        LayerTable checked = FileModels.inspect(inspector, FileModels.kerasSpec("mlp.h5"), file);
        FileModels.assertSameLayers(checked, run);
        assertEquals(List.of("dense_1", "dense_2", "dense_3"), checked.names());
    }

    @Test
    void functionalMlpPredictsAsDl4jsImport() throws Exception {
        Path file = tmp.resolve("fun.h5");
        KerasH5Files.functional(file, 784, KerasH5Files.mnistDense());
        Network run = ModelFiles.keras(file, "fun.h5");
        Dataset data = FileModels.tinyIdx();
        INDArray expected = dl4jFunctional(file).outputSingle(false, data.testFeatures());
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        FileModels.assertSameLayers(FileModels.inspect(inspector, FileModels.kerasSpec("fun.h5"), file), run);
    }

    @Test
    void compiledMlpWithDropoutAndASeparateSoftmaxPredictsAsDl4jsImport() throws Exception {
        // Dense, Dropout, Dense(10), Activation("softmax"), saved after compile(): the head becomes one softmax
        // output layer; the dropout stays a layer (it counts in the numbering) and does nothing at inference
        Path file = tmp.resolve("drop.h5");
        KerasH5Files.sequential(file, new int[] {784}, List.of(new KerasH5Files.Dense("dense_1", 8, "relu"),
                new KerasH5Files.Dropout("dropout_1", 0.5), new KerasH5Files.Dense("dense_2", 10, "linear"),
                new KerasH5Files.Activation("activation_1", "softmax")), KerasH5Files.TRAINING_CONFIG);
        Network run = ModelFiles.keras(file, "drop.h5");
        assertFalse(run.denseOnly(), "a dropout layer makes it no plain MLP");
        Dataset data = FileModels.tinyIdx();
        INDArray expected = dl4jSequential(file).output(data.testFeatures(), false);
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        LayerTable checked = FileModels.inspect(inspector, FileModels.kerasSpec("drop.h5"), file);
        FileModels.assertSameLayers(checked, run);
        assertEquals(List.of("dense", "dropout", "output"), checked.layers().stream().map(LayerInfo::type).toList());
        assertEquals(List.of("dense_1", "dropout_1", "dense_2"), checked.names());
    }

    @Test
    void denseThenSoftmaxActivationRunsAsOneOutputLayer() throws Exception {
        Path file = tmp.resolve("act.h5");
        KerasH5Files.sequential(file, new int[] {784}, List.of(new KerasH5Files.Dense("dense_1", 8, "relu"),
                new KerasH5Files.Dense("dense_2", 10, "linear"), new KerasH5Files.Activation("activation_1", "softmax")),
                KerasH5Files.TRAINING_CONFIG);
        Network run = ModelFiles.keras(file, "act.h5");
        assertEquals(2, run.layerCount());
        Dataset data = FileModels.tinyIdx();
        INDArray expected = dl4jSequential(file).output(data.testFeatures(), false);
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        FileModels.assertSameLayers(FileModels.inspect(inspector, FileModels.kerasSpec("act.h5"), file), run);
    }

    @Test
    void channelsLastCnnOnMnistPredictsAsDl4jsImport() throws Exception {
        Path file = tmp.resolve("cnn.h5");
        KerasH5Files.sequential(file, new int[] {28, 28, 1}, KerasH5Files.smallCnn(), null);
        Network run = ModelFiles.keras(file, "cnn.h5");
        assertFalse(run.denseOnly());
        Dataset data = FileModels.tinyIdx();
        // DL4J's import takes images as Keras does, [n, height, width, channels]
        INDArray nhwc = data.testFeatures().reshape('c', data.testSize(), 28, 28, 1);
        INDArray expected = dl4jSequential(file).output(nhwc, false);
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 1e-5);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        LayerTable checked = FileModels.inspect(inspector, FileModels.kerasSpec("cnn.h5"), file);
        FileModels.assertSameLayers(checked, run);
        assertEquals(List.of("conv", "maxpool", "dense", "output"),
                checked.layers().stream().map(LayerInfo::type).toList());
        assertArrayEquals(new int[] {4, 26, 26}, checked.get(0).outputShape(), "shapes are known once input is flat");
    }

    @Test
    void channelsLastCnnOnColourImagesKeepsEveryPixelInPlace() throws Exception {
        // three channels: the flatten before the dense layer must be reordered for the result to agree
        Path file = tmp.resolve("rgb.h5");
        KerasH5Files.functional(file, new int[] {8, 8, 3}, KerasH5Files.smallCnn(), null);
        Network run = ModelFiles.keras(file, "rgb.h5");
        assertEquals(3 * 8 * 8, run.inputSize());
        INDArray nchw = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 16, 3, 8, 8);
        INDArray expected = dl4jFunctional(file).outputSingle(false, nchw.permute(0, 2, 3, 1).dup('c'));
        INDArray actual = run.dl4j().output(nchw.reshape('c', 16, 3 * 8 * 8), false);
        FileModels.assertClose(expected, actual, 1e-5);
        assertArrayEquals(FileModels.argmax(expected), FileModels.argmax(actual));
    }

    @Test
    void modelWithoutASoftmaxHeadIsLaidOutButRefusedWithTheReason() {
        Path file = tmp.resolve("sigmoid.h5");
        KerasH5Files.sequential(file, 784, List.of(new KerasH5Files.Dense("dense_1", 8, "relu"),
                new KerasH5Files.Dense("dense_2", 10, "sigmoid")));
        LayerTable checked = FileModels.inspect(inspector, FileModels.kerasSpec("nets/sigmoid.h5"), file);
        assertEquals("keras \"nets/sigmoid.h5\" is not a supported network: its last layer (1) is a DenseLayer "
                + "(expected a softmax OutputLayer)", checked.cannotRun());
        EngineException e = assertThrows(EngineException.class, () -> ModelFiles.keras(file, "nets/sigmoid.h5"));
        assertEquals(checked.cannotRun(), e.getMessage());
    }

    @Test
    void rowsOfTheFlattenAreMappedChannelFirst() {
        // height 1, width 2, channels 3: channels-last rows are (x0 c0, x0 c1, x0 c2, x1 c0, …)
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, ChannelsFirst.rowsInChannelsFirstOrder(1, 2, 3));
    }
}
