package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lesion.check.DataShape;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A VGG-19 trains, evaluates, saves, loads and caches like an MLP; what is dense-only refuses it. */
class Vgg19NetworkTest {

    private static final TrainSpec TRAIN = TrainSpec.adam(1, 64, 0.001, 19);

    @TempDir
    Path dir;

    /** Trained once per JVM on {@link TestData#small()}: 2,000 images, 1 epoch. */
    private static TrainedModel trained() {
        return TestData.trained(TestData.tinyVgg(), TRAIN);
    }

    /** 200 test images: enough to compare two evaluations, a fifth of the time of {@link TestData#small()}. */
    private static Dataset few() {
        return TestData.mnist().limit(256, 200);
    }

    @Test
    void describesItsLayersAsTheLanguageNumbersThem() {
        Network net = Trainer.untrained(TestData.tinyVgg(), 1);
        assertFalse(net.denseOnly());
        assertEquals(61, net.layerCount());
        assertEquals(784, net.inputSize());
        assertEquals(10, net.classes());
        assertEquals(4, net.units(0));
        assertEquals(0, net.units(1), "a batch norm has no units");
        assertEquals(32, net.units(49));
        assertEquals(256, net.units(54));
        assertEquals("features.33", net.layerName(33));
        assertEquals("classifier.6", net.layerName(60));
        assertTrue(net.hasBias(0));
        assertEquals(TestData.tinyVgg().layout().layers(), net.layers().layers());
        assertEquals(TestData.tinyVgg().layout().totalParams(), net.parameterCount());
        assertEquals("Network[1x28x28: 61 layers, 16 conv, 10 outputs]", net.toString());
        assertThrows(IllegalArgumentException.class, () -> net.units(61));
    }

    @Test
    void evaluatesInChunksBoundedByTheWidth() {
        assertEquals(Evaluator.CHUNK_ROWS, Trainer.untrained(TestData.mlp("relu", true, 784, 20, 10), 1)
                .evaluationChunkRows());
        // the largest buffer is the second convolution's unfolded input: 9 × channels × 784 floats per image
        assertEquals((int) (Evaluator.CNN_CHUNK_BYTES / (9L * 4 * 784 * 4)),
                Trainer.untrained(TestData.tinyVgg(), 1).evaluationChunkRows());
        assertEquals(297, Trainer.untrained(Vgg19Spec.of(true, 0.25, DataShape.MNIST), 1).evaluationChunkRows());
    }

    @Test
    void trainsDeterministicallyFromItsInitialWeights() {
        TrainedModel once = new Trainer().train(TestData.tinyVgg(), TRAIN, few());
        TrainedModel again = new Trainer().train(TestData.tinyVgg(), TRAIN, few());
        assertEquals(once.trained().paramsSha256(), again.trained().paramsSha256());
        assertEquals(Trainer.untrained(TestData.tinyVgg(), TRAIN.seed()).paramsSha256(), once.initial().paramsSha256());
        assertNotEquals(once.initial().paramsSha256(), once.trained().paramsSha256());
    }

    @Test
    void learns() {
        TrainedModel model = trained();
        double before = model.initial().evaluate(TestData.small()).top1();
        double after = model.trained().evaluate(TestData.small()).top1();
        // one epoch of 2,000 images is 32 Adam steps, and a deep, narrow net starts slowly: measured 0.126 -> 0.172
        // with 1 thread (3 epochs reach 0.45); the point here is that it learns, not how well
        assertTrue(after > before + 0.03, "top-1 " + before + " -> " + after);
    }

    @Test
    void scoresRankTheLogitsThatDl4jsOwnOutputRanks() {
        Network net = trained().trained();
        Dataset data = few();
        Scores scores = net.evaluate(data);
        org.nd4j.linalg.api.ndarray.INDArray probabilities = net.dl4j().output(data.testFeatures(), false);
        int[] argmax = probabilities.argMax(1).toIntVector();
        int same = 0;
        for (int i = 0; i < argmax.length; i++) {
            same += argmax[i] == scores.predicted()[i] ? 1 : 0;
        }
        // softmax keeps the order of the logits; only exact ties (none expected here) could differ
        assertEquals(argmax.length, same);
    }

    @Test
    void evaluationDoesNotDependOnTheChunking() {
        Network net = trained().trained();
        Dataset data = few();
        Scores chunked = net.evaluate(data);
        Scores other = Evaluator.evaluate(net.dl4j(), data, 64);
        // the last bits may differ between chunkings; the predictions of a trained net do not
        assertEquals(chunked.top1(), other.top1());
        assertEquals(chunked.top5(), other.top5());
    }

    @Test
    void savesAndLoadsTheSameNetwork() {
        Network net = trained().trained();
        Path file = dir.resolve("vgg.zip");
        net.save(file);
        Network back = Network.load(file);
        assertEquals(net.paramsSha256(), back.paramsSha256());
        assertEquals(net.evaluate(few()), back.evaluate(few()));
        assertEquals(net.layers(), back.layers());
        assertEquals(net.toString(), back.toString());
        assertFalse(back.denseOnly());
    }

    @Test
    void theCacheStoresAndServesIt() {
        List<String> warnings = new ArrayList<>();
        ModelCache cache = new ModelCache(dir, warnings::add);
        TrainedModel first = cache.getOrTrain(TestData.tinyVgg(), TRAIN, TestData.small(),
                new FixedTrainer(trained()));
        TrainedModel second = new ModelCache(dir, warnings::add).getOrTrain(TestData.tinyVgg(), TRAIN,
                TestData.small(), new FixedTrainer(null));
        assertFalse(first.fromCache());
        assertTrue(second.fromCache());
        assertEquals(first.trained().paramsSha256(), second.trained().paramsSha256());
        assertEquals(first.initial().paramsSha256(), second.initial().paramsSha256());
        assertEquals(first.trained().evaluate(few()), second.trained().evaluate(few()));
        assertEquals(List.of(), warnings);
        String key = cache.keyMaterial(TestData.tinyVgg(), TRAIN, TestData.small());
        assertTrue(key.contains("vgg19 bn width=0.0625 input=1x28x28 classes=10"), key);
    }

    @Test
    void theCacheKeyTellsArchitecturesApart() {
        ModelCache cache = new ModelCache(dir);
        Dataset data = TestData.small();
        String key = cache.key(TestData.tinyVgg(), TRAIN, data);
        assertEquals(key, cache.key(new Vgg19Spec(true, 0.0625, 1, 28, 28, 10), TRAIN, data));
        assertNotEquals(key, cache.key(Vgg19Spec.of(false, 0.0625, DataShape.MNIST), TRAIN, data));
        assertNotEquals(key, cache.key(Vgg19Spec.of(true, 0.125, DataShape.MNIST), TRAIN, data));
        assertNotEquals(key, cache.key(TestData.mlp("relu", true, 784, 20, 10), TRAIN, data));
    }

    @Test
    void refusesImagesOfAnotherShape() throws IOException {
        Dataset tiny = IdxDataset.load(IdxFiles.writeValidSet(dir.resolve("tiny")));
        EngineException e = assertThrows(EngineException.class,
                () -> new Trainer().train(TestData.tinyVgg(), TRAIN, tiny));
        assertTrue(e.getMessage().contains("784 inputs"), e.getMessage());
        e = assertThrows(EngineException.class, () -> Trainer.untrained(TestData.tinyVgg(), 1).evaluate(tiny));
        assertTrue(e.getMessage().contains("784 inputs"), e.getMessage());
    }

    @Test
    void loadsOtherSmallCnnsSavedByDl4j() throws IOException {
        Path file = dir.resolve("conv.zip");
        ModelSerializer.writeModel(SavedModels.convNet(), file.toFile(), false);
        Network net = Network.load(file);
        assertFalse(net.denseOnly());
        assertEquals(784, net.inputSize());
        assertEquals(4, net.units(0));
        assertEquals("conv1", net.layerName(0));
        assertEquals(few().testSize(), net.evaluate(few()).labels().length);
    }

    @Test
    void refusesNetworksOfOtherKinds() throws IOException {
        MultiLayerNetwork rnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new LSTM.Builder().nIn(28).nOut(4).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        rnn.init();
        Path rnnFile = dir.resolve("rnn.zip");
        ModelSerializer.writeModel(rnn, rnnFile.toFile(), false);
        EngineException e = assertThrows(EngineException.class, () -> Network.load(rnnFile));
        assertTrue(e.getMessage().contains("not a supported network") && e.getMessage().contains("RnnOutputLayer"),
                e.getMessage());

        // a CNN that takes images as 4-D arrays instead of flattened rows
        MultiLayerNetwork unflat = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        unflat.init();
        Path unflatFile = dir.resolve("unflat.zip");
        ModelSerializer.writeModel(unflat, unflatFile.toFile(), false);
        e = assertThrows(EngineException.class, () -> Network.load(unflatFile));
        assertTrue(e.getMessage().contains("flattened images"), e.getMessage());
        assertTrue(Files.exists(unflatFile));
    }

    /** Hands out a model instead of training (null: training is not expected). */
    private static final class FixedTrainer extends Trainer {
        private final TrainedModel model;

        FixedTrainer(TrainedModel model) {
            this.model = model;
        }

        @Override
        public TrainedModel train(Architecture architecture, TrainSpec train, Dataset data) {
            if (model == null) {
                throw new AssertionError("the cache should not train again");
            }
            return model;
        }
    }
}
