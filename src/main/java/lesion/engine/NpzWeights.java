package lesion.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weights from a NumPy {@code .npz} file, for the statement {@code weights "w.npz"}: every parameter of a network
 * built from the declared architecture is replaced by an array of the file. The convention is PyTorch's, so that
 * {@code numpy.savez("w.npz", **{k: v.numpy() for k, v in model.state_dict().items()})} writes a file Lesion reads:
 * <ul>
 *   <li><b>names</b>: {@code <layer>.<parameter>}, where {@code <layer>} is the layer's name as {@code lesion layers}
 *       prints it ({@code hidden1}, {@code hidden2}, …, {@code output} for an MLP; {@code features.0} …
 *       {@code classifier.6} for VGG-19, torchvision's names);
 *   <li><b>dense</b> (and output) layers: {@code .weight} of shape [out, in], torch's {@code nn.Linear} layout (DL4J
 *       keeps the transpose, [in, out]), and {@code .bias} [out] unless the model has {@code nobias};
 *   <li><b>convolutions</b>: {@code .weight} [out channels, in channels, kernel height, kernel width] (OIHW, torch's
 *       {@code nn.Conv2d} layout, which is DL4J's too: {@code ConvolutionParamInitializer}) and {@code .bias} [out];
 *       like torch, DL4J computes a cross-correlation on NCHW activations;
 *   <li><b>batch norm</b>: {@code .weight} (γ), {@code .bias} (β), {@code .running_mean}, {@code .running_var}, each
 *       [channels]; ε is 1e-5 as in torch. {@code .num_batches_tracked}, which torch saves but inference does not
 *       use, may be present and is ignored. DL4J stores the variance as log10 of the standard deviation, so the
 *       variance is converted (in double, then rounded to float32: it comes back within float rounding); a
 *       variance below 1e-30 is taken as 1e-30, which changes nothing since ε dominates it in float32;
 *   <li>layers without parameters (relu, pooling, dropout) have no arrays.
 * </ul>
 * The first dense layer after VGG-19's convolutions takes the pooled C×H×W activations flattened in C order
 * (channel, then row, then column), as {@code torch.flatten(x, 1)} does: DL4J's {@code CnnToFeedForwardPreProcessor}
 * reshapes NCHW activations in C order. Images enter as flattened rows in the same order.
 *
 * <p>Arrays may be float32 or float64, in C or Fortran order (see {@link NpyArray}); values must be finite and
 * variances not negative. The file must hold exactly the expected arrays: a missing array, an unexpected one and a
 * wrong shape are reported together, with the full list of expected names and shapes when a name is wrong.
 */
public final class NpzWeights {

    private static final String WHAT = "weights file";
    private static final double MIN_VARIANCE = 1e-30;

    private final NpzArchive archive;

    private NpzWeights(NpzArchive archive) {
        this.archive = archive;
    }

    /** Reads and parses every array of {@code file}; whether they fit a network is checked by {@link #copyInto}. */
    public static NpzWeights read(Path file) {
        return new NpzWeights(NpzArchive.read(file, WHAT));
    }

    public Path file() {
        return archive.file();
    }

    /** SHA-256 (hex) of the file's bytes. */
    public String sha256() {
        return archive.sha256();
    }

    /** How an array of the file becomes a DL4J parameter. */
    private enum Kind {
        /** Same values in the same order (vectors, convolution kernels). */
        COPY,
        /** Torch's [out, in] into DL4J's [in, out]. */
        TRANSPOSE,
        /** Torch's running variance into DL4J's log10 of the standard deviation. */
        LOG10_STD,
        /** Torch's running variance as it is (a batch norm built with useLogStd(false), as DL4J before beta4). */
        VARIANCE
    }

    /** One expected array: its name, torch's shape, and the DL4J parameter it fills. */
    private record Slot(String name, long[] shape, String param, Kind kind) {
        String describe() {
            return name + " " + NpyArray.shapeText(shape);
        }
    }

    /**
     * Replaces every parameter of {@code network} with the file's arrays. Checks everything first (names, shapes,
     * values), so a file that does not fit changes nothing.
     */
    public void copyInto(Network network) {
        MultiLayerNetwork net = network.dl4j();
        List<Slot> slots = slots(network);
        String where = WHAT + " " + archive.file() + ": ";
        checkNames(slots, network, where);
        List<float[]> values = new ArrayList<>();
        for (Slot slot : slots) {
            values.add(checkedValues(slot, archive.arrays().get(slot.name()), where));
        }
        for (int k = 0; k < slots.size(); k++) {
            Slot slot = slots.get(k);
            float[] v = values.get(k);
            // getParam is a live view of the network's parameters: assigning into it changes the network
            INDArray param = net.getParam(slot.param());
            switch (slot.kind()) {
                case COPY, VARIANCE -> param.assign(Nd4j.create(v, param.shape(), 'c'));
                case TRANSPOSE -> param.assign(Nd4j.create(v, slot.shape(), 'c').transpose());
                case LOG10_STD -> param.assign(Nd4j.create(logStd(v), param.shape(), 'c'));
            }
        }
    }

    /** The arrays a network needs, layer by layer, in the order {@code lesion layers} lists them. */
    private static List<Slot> slots(Network network) {
        MultiLayerNetwork net = network.dl4j();
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < network.layerCount(); i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            String name = network.layerName(i);
            Map<String, INDArray> params = net.getLayer(i).paramTable();
            if (conf instanceof DenseLayer || conf instanceof OutputLayer) {
                long[] w = params.get("W").shape();
                out.add(new Slot(name + ".weight", new long[] {w[1], w[0]}, i + "_W", Kind.TRANSPOSE));
            } else if (conf.getClass() == ConvolutionLayer.class) {
                out.add(new Slot(name + ".weight", params.get("W").shape(), i + "_W", Kind.COPY));
            }
            if (params.containsKey("b")) {
                out.add(vector(name + ".bias", params.get("b"), i + "_b", Kind.COPY));
            }
            if (conf instanceof BatchNormalization bn) {
                if (params.containsKey("gamma")) {
                    out.add(vector(name + ".weight", params.get("gamma"), i + "_gamma", Kind.COPY));
                    out.add(vector(name + ".bias", params.get("beta"), i + "_beta", Kind.COPY));
                }
                out.add(vector(name + ".running_mean", params.get("mean"), i + "_mean", Kind.COPY));
                out.add(bn.isUseLogStd()
                        ? vector(name + ".running_var", params.get("log10stdev"), i + "_log10stdev", Kind.LOG10_STD)
                        : vector(name + ".running_var", params.get("var"), i + "_var", Kind.VARIANCE));
            }
        }
        Set<String> covered = new HashSet<>();
        out.forEach(s -> covered.add(s.param()));
        for (String key : net.paramTable().keySet()) {
            if (!covered.contains(key)) {
                // Network accepts only layers handled above; a new kind of layer must get its names here first
                throw new IllegalStateException("no .npz name for parameter " + key + " of " + network);
            }
        }
        return out;
    }

    private static Slot vector(String name, INDArray param, String key, Kind kind) {
        return new Slot(name, new long[] {param.length()}, key, kind);
    }

    /** Missing, unexpected and wrongly shaped arrays, all in one message. */
    private void checkNames(List<Slot> slots, Network network, String where) {
        Map<String, NpyArray> arrays = archive.arrays();
        Set<String> expected = new HashSet<>();
        slots.forEach(s -> expected.add(s.name()));
        // torch saves this batch-norm counter with the weights; inference does not use it
        Set<String> ignored = new HashSet<>();
        for (int i = 0; i < network.layerCount(); i++) {
            if (network.dl4j().getLayer(i).conf().getLayer() instanceof BatchNormalization) {
                ignored.add(network.layerName(i) + ".num_batches_tracked");
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> wrongShape = new ArrayList<>();
        for (Slot slot : slots) {
            NpyArray a = arrays.get(slot.name());
            if (a == null) {
                missing.add(slot.name());
            } else if (!Arrays.equals(a.shape(), slot.shape())) {
                long[] s = a.shape();
                boolean transposed = slot.kind() == Kind.TRANSPOSE && s.length == 2 && s[0] == slot.shape()[1]
                        && s[1] == slot.shape()[0];
                wrongShape.add("array '" + slot.name() + "' has shape " + a.shapeText() + ", expected "
                        + NpyArray.shapeText(slot.shape()) + (transposed ? " (torch's [out, in]; this is the "
                        + "[in, out] transpose)" : ""));
            }
        }
        List<String> unexpected = new ArrayList<>();
        String prefix = null;
        for (String name : arrays.keySet()) {
            if (!expected.contains(name) && !ignored.contains(name)) {
                unexpected.add(name);
                for (String e : expected) {
                    if (name.endsWith("." + e)) {
                        prefix = name.substring(0, name.length() - e.length());
                    }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add(arrays(missing) + " missing");
        }
        if (!unexpected.isEmpty()) {
            problems.add(arrays(unexpected) + " not part of the model"
                    + (prefix == null ? "" : " (drop the prefix '" + prefix + "')"));
        }
        problems.addAll(wrongShape);
        if (problems.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(where).append("the arrays do not fit the model ").append(network)
                .append(": ").append(String.join("; ", problems));
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            List<String> all = new ArrayList<>();
            slots.forEach(s -> all.add(s.describe()));
            message.append("; the model expects exactly these ").append(all.size()).append(" arrays (torch's names "
                    + "and layouts, see 'weights' in the README): ").append(String.join(", ", all));
        }
        throw new EngineException(message.toString());
    }

    /** {@code array 'a' is} or {@code arrays 'a', 'b' are}. */
    private static String arrays(List<String> names) {
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add("'" + n + "'"));
        return (names.size() == 1 ? "array " : "arrays ") + String.join(", ", quoted)
                + (names.size() == 1 ? " is" : " are");
    }

    /** The array's values, refused if not float, not finite, or (for a variance) negative. */
    private static float[] checkedValues(Slot slot, NpyArray array, String where) {
        float[] v = array.floats(where);
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new EngineException(where + "array '" + slot.name() + "' holds " + v[i] + " at flat index " + i
                        + " (weights must be finite" + (Float.isInfinite(v[i]) ? "; a float64 value beyond float32's "
                        + "range also becomes infinite" : "") + ")");
            }
            if ((slot.kind() == Kind.LOG10_STD || slot.kind() == Kind.VARIANCE) && v[i] < 0) {
                throw new EngineException(where + "array '" + slot.name() + "' holds the negative variance " + v[i]
                        + " at index " + i);
            }
        }
        return v;
    }

    private static float[] logStd(float[] variance) {
        float[] out = new float[variance.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (0.5 * Math.log10(Math.max(variance[i], MIN_VARIANCE)));
        }
        return out;
    }
}
