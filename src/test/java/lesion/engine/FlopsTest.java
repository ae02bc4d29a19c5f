package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link Flops} against counts worked out by hand. */
class FlopsTest {

    @Test
    void mlpCountsEveryDenseProduct() {
        Network net = Trainer.untrained(TestData.mlp("relu", false, 784, 20, 10, 10), 1);
        // 2 * in * out per layer
        assertArrayEquals(new long[] {31_360, 400, 200}, Flops.perImage(net));
        assertEquals(31_960, Flops.forward(net));
        assertEquals(600, Flops.after(net, 0));
        assertEquals(200, Flops.after(net, 1));
        assertEquals(0, Flops.after(net, 2));
    }

    @Test
    void cnnCountsConvolutionsAndDenseLayersOnly() {
        // 1x8x8 images: conv 3x3 (no padding) 1 -> 4 gives 4x6x6; batch norm, relu; max pool 2x2 gives 4x3x3;
        // conv 2x2 4 -> 2 gives 2x2x2; dense 8 -> 5; output 5 -> 3
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(2).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(8, 8, 1))
                .build();
        MultiLayerNetwork dl4j = new MultiLayerNetwork(conf);
        dl4j.init();
        Network net = new Network(dl4j);
        long conv1 = 2L * 1 * 3 * 3 * 4 * 6 * 6; // 2592
        long conv2 = 2L * 4 * 2 * 2 * 2 * 2 * 2; // 256
        long dense = 2L * 8 * 5; // 80
        long output = 2L * 5 * 3; // 30
        assertArrayEquals(new long[] {conv1, 0, 0, 0, conv2, dense, output}, Flops.perImage(net));
        assertEquals(conv1 + conv2 + dense + output, Flops.forward(net));
        assertEquals(conv2 + dense + output, Flops.after(net, 0));
    }

    @Test
    void vggFirstConvolutionIsItsFiltersTimesThePixels() {
        Network net = Trainer.untrained(TestData.tinyVgg(), 1);
        assertEquals(2L * 1 * 3 * 3 * net.units(0) * 28 * 28, Flops.perImage(net)[0]);
    }
}
