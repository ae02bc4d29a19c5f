package lesion.engine;

import java.util.List;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Floating-point operations of a network's forward pass, per image and per layer, counting the matrix products
 * only: a dense (or output) layer does 2·in·out, a convolution 2·Cin·kh·kw·Cout·Hout·Wout (a multiply and an add
 * per weight and output position). Biases, batch norm, activations and pooling are not counted: they are a few
 * operations per value, far fewer than the products in the networks Lesion runs. The benchmark uses these counts
 * as the least work a sweep or a training must do, to compare the time it took with the machine's matrix-multiply
 * rate. Shapes come from the DL4J configuration's {@link InputType}s, as {@link Evaluator#cnnChunkRows} reads them.
 */
public final class Flops {

    private Flops() {
    }

    /** Forward FLOPs per image of each layer of {@code network} (0 for layers without weights). */
    public static long[] perImage(Network network) {
        MultiLayerNetwork net = network.dl4j();
        int n = net.getnLayers();
        long[] out = new long[n];
        List<InputType> types = net.getLayerWiseConfigurations().getLayerActivationTypes(inputType(network));
        for (int i = 0; i < n; i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            if (conf.getClass() == ConvolutionLayer.class
                    && types.get(i) instanceof InputType.InputTypeConvolutional o) {
                ConvolutionLayer conv = (ConvolutionLayer) conf;
                int[] k = conv.getKernelSize();
                out[i] = 2L * conv.getNIn() * k[0] * k[1] * conv.getNOut() * o.getHeight() * o.getWidth();
            } else if (conf instanceof FeedForwardLayer ff && network.units(i) > 0) {
                out[i] = 2L * ff.getNIn() * ff.getNOut();
            }
        }
        return out;
    }

    /** Forward FLOPs per image of the whole network. */
    public static long forward(Network network) {
        return sum(perImage(network), 0);
    }

    /**
     * Forward FLOPs per image of the layers after {@code layer}: what a sweep of {@code layer} must compute for every
     * variant and image at least (the part before the ablation point is shared by all variants).
     */
    public static long after(Network network, int layer) {
        network.checkLayer(layer);
        return sum(perImage(network), layer + 1);
    }

    private static long sum(long[] values, int from) {
        long s = 0;
        for (int i = from; i < values.length; i++) {
            s += values[i];
        }
        return s;
    }

    /** The network's input: flattened images for a CNN (as it is built), a flat vector otherwise. */
    private static InputType inputType(Network network) {
        InputPreProcessor pre = network.dl4j().getLayerWiseConfigurations().getInputPreProcess(0);
        if (pre instanceof FeedForwardToCnnPreProcessor cnn) {
            return InputType.convolutionalFlat(cnn.getInputHeight(), cnn.getInputWidth(), cnn.getNumChannels());
        }
        return InputType.feedForward(network.inputSize());
    }
}
