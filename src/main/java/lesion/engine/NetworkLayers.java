package lesion.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * Lays out the layers of a restored DL4J network as the language numbers them.
 *
 * <p>A MultiLayerNetwork is numbered by DL4J's own layer index. A ComputationGraph is numbered by
 * its layer vertices in DL4J's topological order; vertices without parameters or a layer (inputs,
 * merges, element-wise sums, preprocessors) are left out, so every index is a layer one can name.
 *
 * <p>A layer's name is the one in its configuration, unless that is missing, only digits (an index
 * could not tell them apart) or already taken; then it is {@code layer<i>}. Output shapes come from
 * DL4J's input-type propagation; the network's input type is not saved with it, so it is inferred
 * from the first layer (a dense layer's nIn, or the preprocessor that {@code setInputType(
 * convolutionalFlat(h, w, c))} adds). When it cannot be inferred, dense layers still show
 * {@code [nOut]}, activations, dropouts and batch norms repeat the shape before them, and other
 * layers have an empty shape (unknown).
 */
final class NetworkLayers {
    private NetworkLayers() {
    }

    /** One layer before numbering: its configuration, parameter count and known output shape. */
    private record Raw(String name, Layer conf, long params, int[] shape, boolean networkOutput, boolean bnAfter) {
    }

    static LayerTable of(MultiLayerNetwork net, String description) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = net.getnLayers();
        List<InputType> types = activationTypes(conf).orElse(null);
        List<Raw> raws = new ArrayList<>();
        int[] previous = new int[0];
        for (int i = 0; i < n; i++) {
            Layer layer = unwrap(conf.getConf(i).getLayer());
            int[] shape = types != null ? shape(types.get(i)) : fallbackShape(layer, previous);
            boolean bnAfter = false;
            for (int j = i + 1; j < n; j++) {
                Layer next = unwrap(conf.getConf(j).getLayer());
                if (!passesZero(next)) {
                    bnAfter = next instanceof BatchNormalization;
                    break;
                }
            }
            raws.add(new Raw(conf.getConf(i).getLayer().getLayerName(), layer, net.getLayer(i).numParams(), shape,
                    i == n - 1, bnAfter));
            previous = shape;
        }
        return table(description, raws);
    }

    static LayerTable of(ComputationGraph graph, String description) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, InputType> types = activationTypes(conf).orElse(null);
        Map<String, int[]> known = new LinkedHashMap<>();
        Map<String, List<String>> consumers = consumers(conf);
        Set<String> outputs = new HashSet<>(conf.getNetworkOutputs());
        GraphVertex[] vertices = graph.getVertices();
        List<Raw> raws = new ArrayList<>();
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            String name = vertex.getVertexName();
            if (!vertex.hasLayer()) {
                continue;
            }
            Layer layer = unwrap(vertex.getLayer().conf().getLayer());
            int[] shape;
            if (types != null && types.containsKey(name)) {
                shape = shape(types.get(name));
            } else {
                List<String> inputs = conf.getVertexInputs().getOrDefault(name, List.of());
                int[] before = inputs.size() == 1 ? known.getOrDefault(inputs.get(0), new int[0]) : new int[0];
                shape = fallbackShape(layer, before);
            }
            known.put(name, shape);
            raws.add(new Raw(name, layer, vertex.getLayer().numParams(), shape, outputs.contains(name),
                    batchNormFollows(conf, consumers, name)));
        }
        return table(description, raws);
    }

    private static LayerTable table(String description, List<Raw> raws) {
        String[] names = new String[raws.size()];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < raws.size(); i++) {
            String name = raws.get(i).name();
            if (name != null && !name.isBlank() && !name.matches("\\d+") && used.add(name.toLowerCase(Locale.ROOT))) {
                names[i] = name;
            }
        }
        List<LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            Raw r = raws.get(i);
            String name = names[i];
            if (name == null) {
                name = "layer" + i;
                while (!used.add(name.toLowerCase(Locale.ROOT))) {
                    name = name + "_";
                }
            }
            String type = type(r.conf(), r.networkOutput());
            boolean hasUnits = type.equals("dense") || type.equals("output") || type.equals("conv");
            int units = hasUnits ? clampToInt(((FeedForwardLayer) r.conf()).getNOut()) : 0;
            layers.add(new LayerInfo(i, name, type, r.shape(), r.params(), units, units > 0 && r.bnAfter()));
        }
        return new LayerTable(description, layers);
    }

    /**
     * The language's word for a layer: dense, output, conv, batchnorm, relu, activation, maxpool,
     * avgpool, dropout, globalpool, else the lower-case class name (lstm, deconvolution2d, …).
     * Only plain 2-D convolutions are "conv": their weights are [out, in, kh, kw], so a filter is
     * one slice. A dense layer with softmax at the end of the network is its "output".
     */
    static String type(Layer layer, boolean networkOutput) {
        if (layer instanceof OutputLayer || layer instanceof CenterLossOutputLayer) {
            return "output";
        }
        if (layer instanceof DenseLayer dense) {
            return networkOutput && dense.getActivationFn() instanceof ActivationSoftmax ? "output" : "dense";
        }
        if (layer.getClass() == ConvolutionLayer.class) {
            return "conv";
        }
        if (layer instanceof BatchNormalization) {
            return "batchnorm";
        }
        if (layer instanceof ActivationLayer act) {
            return act.getActivationFn() instanceof ActivationReLU ? "relu" : "activation";
        }
        if (layer instanceof SubsamplingLayer pool && pool.getPoolingType() != null) {
            return pool.getPoolingType().name().toLowerCase(Locale.ROOT) + "pool";
        }
        if (layer instanceof GlobalPoolingLayer) {
            return "globalpool";
        }
        if (layer instanceof DropoutLayer) {
            return "dropout";
        }
        return layer.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** A frozen layer is still the layer it wraps. */
    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        for (int depth = 0; depth < 8; depth++) {
            if (l instanceof FrozenLayer f && f.getLayer() != null) {
                l = f.getLayer();
            } else if (l instanceof BaseWrapperLayer w && w.getUnderlying() != null) {
                l = w.getUnderlying();
            } else {
                break;
            }
        }
        return l;
    }

    /** Layers that keep a zeroed unit at zero and the shape unchanged (for the batch-norm look-ahead). */
    private static boolean passesZero(Layer layer) {
        return layer instanceof DropoutLayer
                || layer instanceof ActivationLayer act && act.getActivationFn() instanceof ActivationReLU;
    }

    private static boolean keepsShape(Layer layer) {
        return layer instanceof DropoutLayer || layer instanceof ActivationLayer || layer instanceof BatchNormalization;
    }

    private static int[] fallbackShape(Layer layer, int[] before) {
        String type = type(layer, false);
        if ((type.equals("dense") || type.equals("output")) && layer instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
            return new int[] {clampToInt(ff.getNOut())};
        }
        return keepsShape(layer) ? before : new int[0];
    }

    /** The network's input type, when the configuration gives it away; then every layer's output type. */
    private static Optional<List<InputType>> activationTypes(MultiLayerConfiguration conf) {
        if (conf.getConfs().isEmpty()) {
            return Optional.empty();
        }
        InputType input = inputTypeFor(conf.getInputPreProcess(0), conf.getConf(0).getLayer());
        if (input == null) {
            return Optional.empty();
        }
        try {
            List<InputType> types = conf.getLayerActivationTypes(input);
            return types.size() == conf.getConfs().size() ? Optional.of(types) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, InputType>> activationTypes(ComputationGraphConfiguration conf) {
        Map<String, List<String>> consumers = consumers(conf);
        List<InputType> inputs = new ArrayList<>();
        for (String in : conf.getNetworkInputs()) {
            InputType found = null;
            for (String c : consumers.getOrDefault(in, List.of())) {
                if (conf.getVertices().get(c) instanceof LayerVertex lv && lv.getLayerConf() != null) {
                    InputType t = inputTypeFor(lv.getPreProcessor(), lv.getLayerConf().getLayer());
                    if (t != null && found != null && !t.equals(found)) {
                        return Optional.empty();
                    }
                    found = t != null ? t : found;
                }
            }
            if (found == null) {
                return Optional.empty();
            }
            inputs.add(found);
        }
        try {
            // without "add preprocessors" DL4J ignores the vertices' own preprocessors; with it, it may
            // replace them, so it works on a copy
            return Optional.of(conf.clone().getLayerActivationTypes(true, false, inputs.toArray(new InputType[0])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static InputType inputTypeFor(InputPreProcessor pre, Layer first) {
        if (pre instanceof FeedForwardToCnnPreProcessor cnn && cnn.getInputHeight() > 0 && cnn.getInputWidth() > 0
                && cnn.getNumChannels() > 0) {
            return InputType.convolutionalFlat(cnn.getInputHeight(), cnn.getInputWidth(), cnn.getNumChannels());
        }
        Layer layer = unwrap(first);
        if (pre == null && (layer instanceof DenseLayer || layer instanceof OutputLayer
                || layer instanceof CenterLossOutputLayer) && ((FeedForwardLayer) layer).getNIn() > 0) {
            return InputType.feedForward(((FeedForwardLayer) layer).getNIn());
        }
        return null;
    }

    /** For each vertex, the vertices that read its output. */
    private static Map<String, List<String>> consumers(ComputationGraphConfiguration conf) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        conf.getVertexInputs().forEach((vertex, inputs) -> {
            for (String in : inputs) {
                out.computeIfAbsent(in, k -> new ArrayList<>()).add(vertex);
            }
        });
        return out;
    }

    /** Whether a batch normalisation reads this vertex's output, directly or through dropout/ReLU vertices. */
    private static boolean batchNormFollows(ComputationGraphConfiguration conf, Map<String, List<String>> consumers,
            String name) {
        List<String> frontier = new ArrayList<>(consumers.getOrDefault(name, List.of()));
        Set<String> seen = new HashSet<>();
        while (!frontier.isEmpty()) {
            String c = frontier.remove(frontier.size() - 1);
            if (!seen.add(c) || !(conf.getVertices().get(c) instanceof LayerVertex lv) || lv.getLayerConf() == null) {
                continue;
            }
            Layer layer = unwrap(lv.getLayerConf().getLayer());
            if (layer instanceof BatchNormalization) {
                return true;
            }
            if (passesZero(layer)) {
                frontier.addAll(consumers.getOrDefault(c, List.of()));
            }
        }
        return false;
    }

    /** An output type as the layer table shows it: [size], [channels, height, width], …; empty if unknown. */
    static int[] shape(InputType type) {
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return ints(ff.getSize());
        }
        if (type instanceof InputType.InputTypeConvolutional c) {
            return ints(c.getChannels(), c.getHeight(), c.getWidth());
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat flat) {
            return ints(flat.getFlattenedSize());
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return r.getTimeSeriesLength() > 0 ? ints(r.getSize(), r.getTimeSeriesLength()) : ints(r.getSize());
        }
        if (type instanceof InputType.InputTypeConvolutional3D c) {
            return ints(c.getChannels(), c.getDepth(), c.getHeight(), c.getWidth());
        }
        try {
            return ints(type.getShape(false));
        } catch (RuntimeException e) {
            return new int[0];
        }
    }

    private static int[] ints(long... dims) {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] <= 0 || dims[i] > Integer.MAX_VALUE) {
                return new int[0];
            }
            out[i] = (int) dims[i];
        }
        return out;
    }

    private static int clampToInt(long v) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, v));
    }
}
