package lesion.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Makes a CNN take flattened images in channels-first order, as {@link Network} feeds them. A network saved for
 * 4-D input (a zoo model, a Keras CNN) gets the preprocessor that {@code InputType.convolutionalFlat} would add, from
 * the input shape its file declares. A Keras model imports channels last (NHWC); this rewrites it to DL4J's NCHW
 * throughout, the same arithmetic:
 * <ul>
 *   <li>convolutions, poolings and batch norms switch their data format (a convolution's weights are
 *       [out, in, kh, kw] in DL4J in either format, and a batch norm's are per channel);
 *   <li>a flatten from NHWC (rows ordered height, width, channel) becomes a flatten from NCHW (channel, height,
 *       width), and the rows of the dense layer after it are permuted to match, so every dot product has the
 *       same terms;
 *   <li>the first layer gets the preprocessor that {@code InputType.convolutionalFlat} would add.
 * </ul>
 * Only the summation order of the permuted dense layer changes, so outputs agree with DL4J's import up to float
 * rounding.
 */
final class ChannelsFirst {
    private ChannelsFirst() {
    }

    /** Why a CNN cannot be made to take flat images. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * {@code net} itself when it already takes flat images or has no image layers; else the rewritten network.
     * {@code inputShape} is the model's declared input shape without the batch dimension (Keras's
     * batch_input_shape: height, width, channels for channels last, else channels, height, width), or null when
     * unknown.
     */
    static MultiLayerNetwork apply(MultiLayerNetwork net, int[] inputShape, String what) throws Refused {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = conf.getConfs().size();
        boolean images = false;
        boolean nhwc = false;
        for (int i = 0; i < n; i++) {
            Layer l = conf.getConf(i).getLayer();
            // a batch norm also normalises dense layers: only convolutions and poolings say the input is an image
            images |= l instanceof ConvolutionLayer || l instanceof SubsamplingLayer;
            nhwc |= format(l) == CNN2DFormat.NHWC;
        }
        boolean flatInput = conf.getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor;
        if (!images || flatInput && !nhwc) {
            return net;
        }
        if (flatInput) {
            throw new Refused(what + " mixes a flat-image input with channels-last (NHWC) layers");
        }
        if (conf.getInputPreProcess(0) != null || format(conf.getConf(0).getLayer()) == null) {
            throw new Refused(what + " does not start with an image layer reading its input directly");
        }
        CNN2DFormat first = format(conf.getConf(0).getLayer());
        if (inputShape == null || inputShape.length != 3) {
            throw new Refused(what + " takes images but does not declare their height, width and channels");
        }
        // Keras declares (height, width, channels) for channels last, (channels, height, width) for channels first
        int h = first == CNN2DFormat.NHWC ? inputShape[0] : inputShape[1];
        int w = first == CNN2DFormat.NHWC ? inputShape[1] : inputShape[2];
        int c = first == CNN2DFormat.NHWC ? inputShape[2] : inputShape[0];

        List<NeuralNetConfiguration> confs = new ArrayList<>();
        for (NeuralNetConfiguration nc : conf.getConfs()) {
            NeuralNetConfiguration copy = nc.clone();
            setChannelsFirst(copy.getLayer());
            confs.add(copy);
        }
        Map<Integer, InputPreProcessor> pre = new HashMap<>();
        List<int[]> permute = new ArrayList<>(); // {layer, height, width, channels} of each dense layer after a flatten
        for (Map.Entry<Integer, InputPreProcessor> e : conf.getInputPreProcessors().entrySet()) {
            InputPreProcessor p = e.getValue().clone();
            if (p instanceof CnnToFeedForwardPreProcessor flat && flat.getFormat() == CNN2DFormat.NHWC) {
                if (!(confs.get(e.getKey()).getLayer() instanceof FeedForwardLayer ff) || format(ff) != null
                        || !(net.getLayer(e.getKey()).paramTable().containsKey("W"))) {
                    throw new Refused(what + " flattens images into a layer that is not dense (layer " + e.getKey()
                            + ")");
                }
                permute.add(new int[] {e.getKey(), (int) flat.getInputHeight(), (int) flat.getInputWidth(),
                        (int) flat.getNumChannels()});
                p = new CnnToFeedForwardPreProcessor(flat.getInputHeight(), flat.getInputWidth(), flat.getNumChannels(),
                        CNN2DFormat.NCHW);
            }
            pre.put(e.getKey(), p);
        }
        pre.put(0, new FeedForwardToCnnPreProcessor(h, w, c));
        MultiLayerConfiguration rewritten = conf.clone();
        rewritten.setConfs(confs);
        rewritten.setInputPreProcessors(pre);
        MultiLayerNetwork out = new MultiLayerNetwork(rewritten);
        // permuting rows needs a copy; otherwise the parameters are shared (a pretrained VGG-16 has 550 MB of them)
        out.init(permute.isEmpty() ? net.params() : net.params().dup(), false);
        for (int[] p : permute) {
            INDArray weights = net.getLayer(p[0]).getParam("W");
            out.getLayer(p[0]).setParam("W", Nd4j.pullRows(weights, 1, rowsInChannelsFirstOrder(p[1], p[2], p[3])));
        }
        return out;
    }

    /** For each row of the channels-first flattening, the row of the channels-last one holding the same value. */
    static int[] rowsInChannelsFirstOrder(int height, int width, int channels) {
        int[] rows = new int[height * width * channels];
        int k = 0;
        for (int ch = 0; ch < channels; ch++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    rows[k++] = (y * width + x) * channels + ch;
                }
            }
        }
        return rows;
    }

    private static CNN2DFormat format(Layer l) {
        if (l instanceof ConvolutionLayer conv) {
            return conv.getCnn2dDataFormat() == null ? CNN2DFormat.NCHW : conv.getCnn2dDataFormat();
        }
        if (l instanceof SubsamplingLayer pool) {
            return pool.getCnn2dDataFormat() == null ? CNN2DFormat.NCHW : pool.getCnn2dDataFormat();
        }
        if (l instanceof BatchNormalization bn && bn.getCnn2DFormat() != null) {
            return bn.getCnn2DFormat();
        }
        return null;
    }

    private static void setChannelsFirst(Layer l) {
        if (l instanceof ConvolutionLayer conv) {
            conv.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (l instanceof SubsamplingLayer pool) {
            pool.setCnn2dDataFormat(CNN2DFormat.NCHW);
        } else if (l instanceof BatchNormalization bn && bn.getCnn2DFormat() != null) {
            bn.setCnn2DFormat(CNN2DFormat.NCHW);
        }
    }
}
