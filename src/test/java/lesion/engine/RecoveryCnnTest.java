package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Recovery of CNNs: a VGG-19-BN's frozen layers (batch-norm statistics included) stay bit for bit, its other batch
 * norms train, and mask is held through pooling and the flatten into the classifier.
 */
class RecoveryCnnTest {

    /** features.33, the paper's layer: conv, then batch norm 34, ReLU 35, conv 36. */
    private static final int LAYER = 33;
    private static final int[] QUARTER = {0, 4, 8, 12, 16, 20, 24, 28};

    /** 256 training images (4 batches of 64) and 200 test images: enough to move every layer that trains. */
    private static Dataset few() {
        return TestData.mnist().limit(256, 200);
    }

    private static Network vgg() {
        return TestData.trainedTinyVgg().trained();
    }

    private static RecoveryResult recover(Network net, int layer, int[] units, Ablation method, Freeze freeze) {
        RecoverySpec spec = RecoverySpec.adam(StopRule.epochs(1), 64, 0.001, 3, freeze, false);
        return new Recovery().recover(net, few(), layer, units, method, spec, EpochListener.NONE);
    }

    private static float[] param(Network net, int layer, String name) {
        return net.dl4j().getLayer(layer).getParam(name).dup().data().asFloat();
    }

    private static void assertAllPositiveZero(org.nd4j.linalg.api.ndarray.INDArray values, String what) {
        for (float v : values.dup().data().asFloat()) {
            assertEquals(0, Float.floatToRawIntBits(v), what + " holds " + v + ", not +0");
        }
    }

    @Test
    void freezeAboveKeepsEveryLaterLayerAndItsStatisticsWhileTheLowerBatchNormsTrain() {
        Network net = vgg();
        String before = net.paramsSha256();
        RecoveryResult r = recover(net, LAYER, QUARTER, Ablation.ZERO, Freeze.ABOVE);
        Network rec = r.network();
        for (int i = LAYER + 1; i < net.layerCount(); i++) {
            assertArrayEquals(RecoveryTest.params(net, i), RecoveryTest.params(rec, i), "layer " + i + " is frozen");
        }
        assertFalse(Arrays.equals(param(net, LAYER, "W"), param(rec, LAYER, "W")), "the ablated conv trains");
        assertFalse(Arrays.equals(param(net, 1, "mean"), param(rec, 1, "mean")),
                "a batch norm below runs in training mode: its running mean moves");
        assertFalse(Arrays.equals(param(net, 1, "log10stdev"), param(rec, 1, "log10stdev")), "and its variance");
        assertFalse(Arrays.equals(param(net, 1, "gamma"), param(rec, 1, "gamma")), "and its scale trains");
        for (int u : QUARTER) {
            assertAllPositiveZero(rec.dl4j().getParam(LAYER + "_W").get(NDArrayIndex.point(u), NDArrayIndex.all(),
                    NDArrayIndex.all(), NDArrayIndex.all()), "filter " + u);
            assertEquals(0, Float.floatToRawIntBits(rec.dl4j().getParam(LAYER + "_b").getFloat(u)), "bias " + u);
        }
        // the classifier's dropout draws from ND4J's generator, which recovery seeds
        RecoveryResult again = recover(net, LAYER, QUARTER, Ablation.ZERO, Freeze.ABOVE);
        assertEquals(rec.paramsSha256(), again.network().paramsSha256());
        assertEquals(before, net.paramsSha256(), "the trained network is never changed");
    }

    @Test
    void freezeBelowKeepsEveryEarlierLayerAndItsStatistics() {
        Network net = vgg();
        RecoveryResult r = recover(net, LAYER, QUARTER, Ablation.ZERO, Freeze.BELOW);
        Network rec = r.network();
        for (int i = 0; i < LAYER; i++) {
            assertArrayEquals(RecoveryTest.params(net, i), RecoveryTest.params(rec, i), "layer " + i + " is frozen");
        }
        assertFalse(Arrays.equals(param(net, LAYER + 1, "mean"), param(rec, LAYER + 1, "mean")),
                "the ablated conv's own batch norm trains and updates its statistics");
        assertFalse(Arrays.equals(RecoveryTest.params(net, 60), RecoveryTest.params(rec, 60)), "the output trains");
    }

    @Test
    void maskOnAConvIsTheSweepsMaskAndStaysHeldThroughTraining() {
        Network net = vgg();
        int[] units = {1, 5};
        Scores swept = new UnitSweep().run(net, few(), LAYER, Ablation.MASK, List.<int[]>of(units)).get(0);
        RecoveryResult r = recover(net, LAYER, units, Ablation.MASK, Freeze.NONE);
        assertEquals(swept, r.scores().get(0), "epoch 0 is the variant the sweep scored");
        for (int u : units) {
            // conv 36 reads the block's end (after batch norm 34 and ReLU 35) through its input channel u
            assertAllPositiveZero(r.network().dl4j().getParam("36_W").get(NDArrayIndex.all(), NDArrayIndex.point(u),
                    NDArrayIndex.all(), NDArrayIndex.all()), "conv 36's weights from filter " + u);
        }
    }

    @Test
    void meanOnAConvHoldsItsChannelsAfterTheBatchNormAndTheirFiltersLearnNothing() {
        Network net = vgg();
        int[] units = {1, 5};
        Scores swept = new UnitSweep().run(net, few(), LAYER, Ablation.MEAN, List.<int[]>of(units)).get(0);
        RecoveryResult r = recover(net, LAYER, units, Ablation.MEAN, Freeze.ABOVE);
        assertEquals(swept, r.scores().get(0), "epoch 0 is the variant the sweep scored");
        Network rec = r.network();
        float[] before = param(net, LAYER, "W");
        float[] after = param(rec, LAYER, "W");
        int per = before.length / 32; // 32 filters of [in, kh, kw] each, c order
        for (int u = 0; u < 32; u++) {
            boolean held = u == 1 || u == 5;
            boolean same = Arrays.equals(Arrays.copyOfRange(before, u * per, (u + 1) * per),
                    Arrays.copyOfRange(after, u * per, (u + 1) * per));
            assertEquals(held, same, "filter " + u + (held ? " is held at its mean map: no gradient reaches it"
                    : " trains"));
        }
        for (int i = LAYER + 3; i < net.layerCount(); i++) {
            assertArrayEquals(RecoveryTest.params(net, i), RecoveryTest.params(rec, i), "layer " + i + " is frozen");
        }
    }

    @Test
    void noiseOnAConvIsTheSweepsNoiseAtEpochZeroAndTrainsThrough() {
        Network net = vgg();
        int[] units = {1, 5};
        Ablation noise = Ablation.noise(2.0, 4);
        Scores swept = new UnitSweep().run(net, few(), LAYER, noise, List.<int[]>of(units)).get(0);
        RecoveryResult r = recover(net, LAYER, units, noise, Freeze.ABOVE);
        assertEquals(swept, r.scores().get(0), "epoch 0 is the variant the sweep scored");
        assertFalse(Arrays.equals(param(net, LAYER, "W"), param(r.network(), LAYER, "W")), "the conv trains");
        RecoveryResult again = recover(net, LAYER, units, noise, Freeze.ABOVE);
        assertEquals(r.network().paramsSha256(), again.network().paramsSha256(), "the training noise repeats");
        assertEquals(r.scores(), again.scores());
    }

    /** conv 0 (4 filters, 28x28 -> 26x26), ReLU 1, max pool 2 (-> 13x13), dense 3 over the flattened 4x13x13, output 4. */
    private static Network smallCnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(8).dataType(DataType.FLOAT).weightInit(WeightInit.RELU).updater(new Adam(0.001))
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
        net.init();
        return new Network(net);
    }

    @Test
    void maskIsHeldThroughPoolingAndTheFlattenChannelByChannel() {
        Network net = smallCnn();
        int[] units = {1, 3};
        Scores swept = new UnitSweep().run(net, few(), 0, Ablation.MASK, List.<int[]>of(units)).get(0);
        RecoverySpec spec = RecoverySpec.adam(StopRule.epochs(1), 32, 0.01, 3, Freeze.NONE, false);
        RecoveryResult r = new Recovery().recover(net, few(), 0, units, Ablation.MASK, spec, EpochListener.NONE);
        assertEquals(swept, r.scores().get(0), "epoch 0 is the variant the sweep scored");
        Network rec = r.network();
        float[] dense = rec.dl4j().getParam("3_W").dup('c').data().asFloat();
        int area = 13 * 13;
        for (int row = 0; row < 4 * area; row++) {
            boolean masked = row / area == 1 || row / area == 3;
            int nonZero = 0;
            for (int col = 0; col < 8; col++) {
                nonZero += dense[row * 8 + col] != 0 ? 1 : 0;
            }
            assertTrue(masked ? nonZero == 0 : nonZero > 0, "row " + row + " of the dense weights");
        }
        // filter 1 can compute anything now: nothing after the flatten sees it
        Network scrambled = rec.copy();
        scrambled.dl4j().getParam("0_W").get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).assign(Nd4j.rand(DataType.FLOAT, 1, 1, 3, 3).muli(4));
        assertEquals(rec.evaluate(few()), scrambled.evaluate(few()));
        Network unmasked = net.copy();
        unmasked.dl4j().getParam("0_W").get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).assign(Nd4j.rand(DataType.FLOAT, 1, 1, 3, 3).muli(4));
        assertFalse(net.evaluate(few()).equals(unmasked.evaluate(few())), "without the mask filter 1 matters");
    }
}
