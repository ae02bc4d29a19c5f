package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class FastLayersTest {

    /**
     * Runs every layer of {@code net} on {@code x} with DL4J and with {@link FastLayers}; the outputs must agree to
     * float rounding (relative 1e-5 of the layer's largest output). Returns how many layers FastLayers computed.
     */
    private static int assertLayersAgree(MultiLayerNetwork net, INDArray x) {
        INDArray h = x;
        int fast = 0;
        for (int i = 0; i < net.getnLayers() - 1; i++) {
            var pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                h = pre.preProcess(h, (int) h.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            INDArray expected = net.getLayer(i).activate(h.dup(), false, LayerWorkspaceMgr.noWorkspaces()).dup();
            INDArray input = h.dup();
            INDArray actual = FastLayers.activate(net.getLayer(i), input);
            if (actual != null) {
                fast++;
                assertArrayEquals(expected.shape(), actual.shape(), "layer " + i);
                double scale = Math.max(1, expected.amaxNumber().doubleValue());
                double diff = expected.sub(actual).amaxNumber().doubleValue();
                assertTrue(diff <= 1e-5 * scale, "layer " + i + " (" + net.getLayer(i).conf().getLayer().getLayerName()
                        + ") differs from DL4J by " + diff);
                assertTrue(input.equals(h), "layer " + i + " must leave its input alone");
            }
            h = expected;
        }
        return fast;
    }

    @Test
    void vggConvolutionsAndBatchNormsEqualDl4jsToRounding() {
        // trained: its batch norms hold real statistics in DL4J's log-std form
        MultiLayerNetwork net = TestData.trainedTinyVgg().trained().dl4j();
        int fast = assertLayersAgree(net, Nd4j.rand(DataType.FLOAT, 8, 784));
        assertTrue(fast == 32, "all 16 convolutions and 16 batch norms, not " + fast);
    }

    @Test
    void otherPaddingStridesBiasesAndVarianceFormAgreeToo() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).activation(Activation.TANH).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                        .build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(5).padding(1, 1).hasBias(false)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(12, 12, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // give the batch norm statistics that are not the identity
        var bn = net.getLayer(1);
        bn.setParam("mean", Nd4j.rand(DataType.FLOAT, 1, 6).subi(0.5));
        bn.setParam("var", Nd4j.rand(DataType.FLOAT, 1, 6).addi(0.1));
        bn.setParam("gamma", Nd4j.rand(DataType.FLOAT, 1, 6).addi(0.5));
        bn.setParam("beta", Nd4j.rand(DataType.FLOAT, 1, 6));
        assertTrue(assertLayersAgree(net, Nd4j.rand(DataType.FLOAT, 5, 288)) == 3);
    }

    @Test
    void aConvolutionWithItsBatchNormFoldedEqualsDl4jsTwoLayers() {
        MultiLayerNetwork net = TestData.trainedTinyVgg().trained().dl4j();
        INDArray h = net.getLayerWiseConfigurations().getInputPreProcess(0)
                .preProcess(Nd4j.rand(DataType.FLOAT, 8, 784), 8, LayerWorkspaceMgr.noWorkspaces());
        int folded = 0;
        for (int i = 0; i + 1 < net.getnLayers() - 1; i++) {
            var pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null && i > 0) {
                h = pre.preProcess(h, 8, LayerWorkspaceMgr.noWorkspaces());
            }
            INDArray actual = FastLayers.convolutionWithBatchNorm(net.getLayer(i), net.getLayer(i + 1), h.dup());
            INDArray next = net.getLayer(i).activate(h.dup(), false, LayerWorkspaceMgr.noWorkspaces()).dup();
            if (actual != null) {
                folded++;
                INDArray expected = net.getLayer(i + 1).activate(next.dup(), false, LayerWorkspaceMgr.noWorkspaces());
                double scale = Math.max(1, expected.amaxNumber().doubleValue());
                double diff = expected.sub(actual).amaxNumber().doubleValue();
                assertTrue(diff <= 1e-5 * scale, "layers " + i + "-" + (i + 1) + " differ from DL4J by " + diff);
            }
            h = next;
        }
        assertTrue(folded == 16, "every convolution has its batch norm folded in, not " + folded);
        assertNull(FastLayers.convolutionWithBatchNorm(net.getLayer(1), net.getLayer(2), h), "a batch norm first");
    }

    @Test
    void channelsLastStretchesAndLayerByLayerRunsEqualDl4jsLogits() {
        // the runner's fast way (folded batch norms, conv stretches on NHWC arrays with max pooling) and its
        // layer-by-layer way both give DL4J's logits to rounding; a CNN's last stretch ends at the average pool
        MultiLayerNetwork net = TestData.trainedTinyVgg().trained().dl4j();
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 784);
        INDArray expected = Dl4jLogits.of(net, x.dup());
        LayerRunner runner = new LayerRunner(net);
        try (var ws = LayerRunner.open()) {
            INDArray fast = runner.logits(0, x.dup()).detach();
            INDArray each = runner.logitsEach(0, x.dup()).detach();
            double scale = Math.max(1, expected.amaxNumber().doubleValue());
            assertTrue(expected.sub(fast).amaxNumber().doubleValue() <= 1e-4 * scale, "fast logits");
            assertTrue(expected.sub(each).amaxNumber().doubleValue() <= 1e-4 * scale, "layer-by-layer logits");
            assertTrue(FastLayers.runsChannelsLast(net.getLayer(6)), "max pooling runs channels-last");
            assertTrue(!FastLayers.runsChannelsLast(net.getLayer(net.getnLayers() - 2)), "a dense layer does not");
        }
    }

    @Test
    void leavesOtherLayersToDl4j() {
        MultiLayerNetwork net = TestData.trainedTinyVgg().trained().dl4j();
        assertNull(FastLayers.activate(net.getLayer(2), Nd4j.rand(DataType.FLOAT, 1, 4, 28, 28)), "an activation");
        assertNotNull(FastLayers.activate(net.getLayer(0), Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28)), "a convolution");
    }
}
