package lesion.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights through which an ablation is built into a network for recovery: {@link Recovery} sets them to 0 before
 * training and, unless regrow, back to exactly 0 after every update (a constraint), so the damage the variant
 * measured is the damage that is retrained.
 *
 * <ul>
 *   <li>{@code zero}: the units' incoming weights and biases (a dense unit's column of W and its bias, a filter's
 *       slice W[u] and its bias), as {@link UnitSweep} removes them.</li>
 *   <li>{@code mask}: the unit's output at the end of its block (after the batch norms and activation layers right
 *       after it, see {@link Ablation}) is held at 0 by zeroing its outgoing weights in the next layer with weights:
 *       a dense or output layer's row u (for a flattened CNN output, its rows u·H·W to (u+1)·H·W - 1, NCHW order), a
 *       convolution's input slice W[:, u]. This is exact when only layers that act channel by channel and map 0 to
 *       0 lie between: ReLU, max and average pooling, dropout layers (plain dropout), the flatten. Then the rest of
 *       the network receives from the unit exactly what it receives from an output of 0 (up to the sign of zero
 *       sums), in training as in evaluation, and no gradient reaches the unit's own weights, as with a real mask.
 *       Elsewhere it is refused. On the output layer the masked output is the logit, which zeroing the unit's
 *       incoming weights and bias holds at 0: there mask is zero.</li>
 *   <li>{@code mean} and {@code noise} have no counterpart in the weights: {@link Damage} holds them in the
 *       outputs ({@link HeldOutputs}) and never asks for them here.</li>
 * </ul>
 */
final class ZeroedWeights {

    /** Entries {@code from} (inclusive) to {@code to} (exclusive) along {@code axis} of parameter {@code key}. */
    private record Run(String key, int axis, long from, long to) {
    }

    private final List<Run> runs;

    private ZeroedWeights(List<Run> runs) {
        this.runs = List.copyOf(runs);
    }

    /**
     * The weights that build ablation {@code method} of {@code units} of {@code layer} into {@code network}. Throws
     * IllegalArgumentException, before any work, for mean and noise and for a mask that cannot be held exactly.
     */
    static ZeroedWeights of(Network network, int layer, int[] units, Ablation method) {
        MultiLayerNetwork net = network.dl4j();
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int u : units) {
            sorted.add(u);
        }
        List<long[]> unitRuns = consecutive(sorted);
        int last = net.getnLayers() - 1;
        return switch (method.kind()) {
            case ZERO -> new ZeroedWeights(incoming(net, layer, unitRuns));
            case MASK -> new ZeroedWeights(layer == last ? incoming(net, layer, unitRuns)
                    : outgoing(network, layer, unitRuns));
            case MEAN, NOISE -> throw new IllegalArgumentException("using " + method
                    + " changes no weights: it is held in the outputs (Damage), not in the weights");
        };
    }

    /** Sets every one of these weights of {@code net} (a network of the same architecture) to exactly +0. */
    void apply(MultiLayerNetwork net) {
        for (Run run : runs) {
            INDArray param = net.getParam(run.key());
            for (long i = run.from(); i < run.to(); i++) {
                if (param.rank() == 1) {
                    param.putScalar(i, 0f);
                    continue;
                }
                // the i-th tensor along every other axis is index i of run.axis(). NDArrayIndex views fail here:
                // ND4J 1.0.0-M2.1 gives a view without data for some sub-ranges of a parameter view (e.g. the last
                // filter of VGG's features.3 at width 1/16), while tensorAlongDimension does not
                int[] others = new int[param.rank() - 1];
                for (int d = 0, k = 0; d < param.rank(); d++) {
                    if (d != run.axis()) {
                        others[k++] = d;
                    }
                }
                param.tensorAlongDimension(i, others).assign(0);
            }
        }
    }

    private static List<Run> incoming(MultiLayerNetwork net, int layer, List<long[]> unitRuns) {
        Layer conf = net.getLayer(layer).conf().getLayer();
        // dense W is [in, out]: a unit is a column; conv W is [out, in, kh, kw]: a filter is a slice of axis 0
        int weightAxis = conf.getClass() == ConvolutionLayer.class ? 0 : 1;
        List<Run> runs = new ArrayList<>();
        for (long[] r : unitRuns) {
            runs.add(new Run(layer + "_W", weightAxis, r[0], r[1]));
        }
        String bias = layer + "_b";
        if (net.paramTable().containsKey(bias)) {
            int biasAxis = net.getParam(bias).rank() - 1;
            for (long[] r : unitRuns) {
                runs.add(new Run(bias, biasAxis, r[0], r[1]));
            }
        }
        return runs;
    }

    private static List<Run> outgoing(Network network, int layer, List<long[]> unitRuns) {
        MultiLayerNetwork net = network.dl4j();
        int end = CnnPath.blockEnd(net, layer);
        for (int j = end + 1; j < net.getnLayers(); j++) {
            Layer conf = net.getLayer(j).conf().getLayer();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(j);
            if (!keepsZero(conf.getIDropout())) {
                throw inexact(network, layer, j, "applies " + conf.getIDropout() + " to its input");
            }
            boolean weighted = conf instanceof DenseLayer || conf instanceof OutputLayer
                    || conf.getClass() == ConvolutionLayer.class;
            if (!weighted) {
                if (!perChannelKeepsZero(conf) || pre != null) {
                    throw inexact(network, layer, j, "is a " + NetworkLayers.type(conf, false) + " layer");
                }
                continue;
            }
            List<Run> runs = new ArrayList<>();
            if (conf.getClass() == ConvolutionLayer.class && pre == null) {
                // the next convolution's W is [out, in, kh, kw]: the unit is its input channel, axis 1
                for (long[] r : unitRuns) {
                    runs.add(new Run(j + "_W", 1, r[0], r[1]));
                }
            } else if (conf.getClass() != ConvolutionLayer.class && pre == null) {
                for (long[] r : unitRuns) {
                    runs.add(new Run(j + "_W", 0, r[0], r[1]));
                }
            } else if (conf.getClass() != ConvolutionLayer.class && pre instanceof CnnToFeedForwardPreProcessor flat
                    && flat.getFormat() == CNN2DFormat.NCHW && flat.getNumChannels() == network.units(layer)) {
                // flattened channel by channel: channel u is the rows u*H*W .. (u+1)*H*W - 1 of the dense W
                long area = flat.getInputHeight() * flat.getInputWidth();
                for (long[] r : unitRuns) {
                    runs.add(new Run(j + "_W", 0, r[0] * area, r[1] * area));
                }
            } else {
                throw inexact(network, layer, j, "takes its input through a " + pre.getClass().getSimpleName());
            }
            return runs;
        }
        throw new IllegalStateException("no layer with weights after layer " + layer);
    }

    /** Activation, pooling and dropout layers that map a channel of zeros to zeros and never mix channels. */
    private static boolean perChannelKeepsZero(Layer conf) {
        if (conf.getClass() == SubsamplingLayer.class) {
            PoolingType pooling = ((SubsamplingLayer) conf).getPoolingType();
            return pooling == PoolingType.MAX || pooling == PoolingType.AVG;
        }
        return conf instanceof ActivationLayer act && act.getActivationFn() instanceof ActivationReLU
                || conf instanceof DropoutLayer;
    }

    /** No dropout, or plain dropout (zeros stay zero); Gaussian noise and alpha dropout move them. */
    private static boolean keepsZero(IDropout dropout) {
        return dropout == null || dropout.getClass() == Dropout.class;
    }

    private static IllegalArgumentException inexact(Network network, int layer, int j, String what) {
        return new IllegalArgumentException("recover after using mask is not implemented for layer " + layer + " ("
                + network.layerName(layer) + "): layer " + j + " (" + network.layerName(j) + "), between its output and"
                + " the next layer with weights, " + what + ", so its output cannot be held at 0 exactly by zeroing "
                + "its outgoing weights; mask recovers when only ReLU, max or average pooling, dropout or a flatten lie"
                + " between; 'using zero' recovers here");
    }

    /** Sorted unit indices as half-open runs of consecutive indices. */
    private static List<long[]> consecutive(TreeSet<Integer> units) {
        List<long[]> runs = new ArrayList<>();
        for (int u : units) {
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == u) {
                runs.get(runs.size() - 1)[1] = u + 1;
            } else {
                runs.add(new long[] {u, u + 1});
            }
        }
        return runs;
    }
}
