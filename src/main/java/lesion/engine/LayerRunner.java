package lesion.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a stretch of a network's layers in inference mode, one DL4J layer at a time, as DL4J's own
 * {@code feedForwardToLayer} does (each layer's input preprocessor, then the layer's {@code activate}), but able to
 * start at any layer; and the output layer's logits, x·W + b without its softmax (see {@link Scorer}). Used for
 * CNNs, whose layers (convolution, batch norm, pooling) are DL4J's to compute; {@link DenseStack} is the MLP's
 * counterpart.
 *
 * <p>Every array the layers make (activations, and a convolution's unfolded input, which can be hundreds of MB)
 * lives in one ND4J workspace that {@link #open} opens and the next {@code open} reuses, so a sweep of thousands of
 * forward passes allocates its memory once. Without it the arrays are freed only when Java's garbage collector
 * notices their small Java objects, which under a large heap can be never: a sweep on a VGG-19 grew past 20 GB.
 * Arrays from {@link #forward} and {@link #logits} are valid only until their scope closes; {@code detach()} one
 * to keep it.
 */
final class LayerRunner {

    private static final String WORKSPACE = "LESION_LAYER_RUNNER";
    // sized by the first pass through the scope, then reused; a bigger later pass reallocates
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.05)
            .policySpill(SpillPolicy.REALLOCATE)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .build();

    private final MultiLayerNetwork net;
    private final int last;
    private final LayerWorkspaceMgr mgr = LayerWorkspaceMgr.builder().defaultWorkspace(WORKSPACE, CONFIG).build();

    LayerRunner(MultiLayerNetwork net) {
        this.net = net;
        this.last = net.getnLayers() - 1;
    }

    /** Opens the scope inside which {@link #forward} and {@link #logits} may be called; close it when done. */
    static MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, WORKSPACE);
    }

    int lastLayer() {
        return last;
    }

    /**
     * Input of layer {@code from} (for {@code from} = 0 the flattened images) run through layers {@code from..to}
     * inclusive; returns {@code x} itself when {@code to < from}. {@code to} must be below the output layer. Layers
     * may write into their input (DL4J's activation layer does so at inference), so callers pass arrays they own.
     * The fastest way: a convolution and the batch norm after it in one, stretches of convolution layers on
     * channels-last arrays. Where a stretch starts or ends changes the last bits, so what must not depend on where a
     * network is cut runs through {@link #forwardEach}.
     */
    INDArray forward(int from, int to, INDArray x) {
        return forward(from, to, x, true);
    }

    /**
     * The same one layer at a time ({@link FastLayers} for single convolutions and batch norms, DL4J for the rest):
     * running layers a..b and then b+1..c gives the same floats as running a..c, so the arrays a sweep shares (the
     * prefix of the network up to its ablation point) do not depend on where an earlier sweep stopped.
     */
    INDArray forwardEach(int from, int to, INDArray x) {
        return forward(from, to, x, false);
    }

    private INDArray forward(int from, int to, INDArray x, boolean fuse) {
        if (to >= last) {
            throw new IllegalArgumentException("forward stops before the output layer (" + last + "), not at " + to);
        }
        requireOpen();
        INDArray h = x;
        for (int i = from; i <= to; i++) {
            h = preprocess(i, h);
            int end = fuse ? channelsLastEnd(i, to, h) : i;
            if (end > i) {
                h = channelsLast(i, end, h);
                i = end;
                continue;
            }
            Layer layer = net.getLayer(i);
            INDArray fused = fuse && i < to && net.getLayerWiseConfigurations().getInputPreProcess(i + 1) == null
                    ? FastLayers.convolutionWithBatchNorm(layer, net.getLayer(i + 1), h) : null;
            if (fused != null) {
                h = fused; // the convolution and its batch norm in one pass
                i++;
                continue;
            }
            INDArray fast = FastLayers.activate(layer, h);
            h = fast != null ? fast : layer.activate(h, false, mgr);
            // the layer keeps a reference to its input, which the workspace will reuse
            layer.clear();
        }
        return h;
    }

    /**
     * The last layer of the stretch from layer {@code i} to at most {@code to} that {@link FastLayers} can run on
     * channels-last arrays (no preprocessor inside, at least one convolution), or {@code i} when there is none or
     * {@code h} is not a 4-D array.
     */
    private int channelsLastEnd(int i, int to, INDArray h) {
        if (h.rank() != 4) {
            return i;
        }
        int end = i - 1;
        boolean convolution = false;
        while (end + 1 <= to && FastLayers.runsChannelsLast(net.getLayer(end + 1))
                && (end + 1 == i || net.getLayerWiseConfigurations().getInputPreProcess(end + 1) == null)) {
            end++;
            convolution |= FastLayers.isConvolution(net.getLayer(end));
        }
        return convolution ? end : i;
    }

    /**
     * Layers {@code from..to} on NCHW {@code x} through channels-last arrays: one permuted copy in, each layer (a
     * convolution with the batch norm after it folded into one), one permuted copy out.
     */
    private INDArray channelsLast(int from, int to, INDArray x) {
        INDArray h = x.permute(0, 2, 3, 1).dup('c');
        for (int i = from; i <= to; i++) {
            INDArray fused = i < to
                    ? FastLayers.convolutionWithBatchNorm(net.getLayer(i), net.getLayer(i + 1), h, true) : null;
            if (fused != null) {
                h = fused;
                i++;
            } else {
                h = FastLayers.activateChannelsLast(net.getLayer(i), h);
            }
        }
        return h.permute(0, 3, 1, 2).dup('c');
    }

    /** The logits for the input of layer {@code from}: layers from..last-1, then the output layer's x·W + b. */
    INDArray logits(int from, INDArray x) {
        return logits(from, x, true);
    }

    /** {@link #logits} one layer at a time, as {@link #forwardEach}. */
    INDArray logitsEach(int from, INDArray x) {
        return logits(from, x, false);
    }

    private INDArray logits(int from, INDArray x, boolean fuse) {
        INDArray h = preprocess(last, forward(from, last - 1, x, fuse));
        INDArray logits = h.mmul(net.getParam(last + "_W"));
        INDArray bias = net.paramTable().get(last + "_b");
        return bias == null ? logits : logits.addiRowVector(bias);
    }

    /** Layer {@code layer}'s own activation applied to 0 (what zeroed weights and bias make it output). */
    float activationOfZero(int layer) {
        if (layer == last) {
            return 0; // the logits are scored before the softmax: a zeroed output unit has logit 0
        }
        INDArray zero = Nd4j.zeros(net.params().dataType(), 1, 1);
        return ((BaseLayer) net.getLayer(layer).conf().getLayer()).getActivationFn().getActivation(zero, false)
                .getFloat(0);
    }

    private INDArray preprocess(int layer, INDArray h) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(layer);
        return pre == null ? h : pre.preProcess(h, (int) h.size(0), mgr);
    }

    private static void requireOpen() {
        if (!Nd4j.getWorkspaceManager().checkIfWorkspaceExistsAndActive(WORKSPACE)) {
            throw new IllegalStateException("LayerRunner needs its workspace open (LayerRunner.open())");
        }
    }
}
