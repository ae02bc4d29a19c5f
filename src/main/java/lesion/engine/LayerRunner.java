package lesion.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a stretch of a network's layers in inference mode, one DL4J layer at a time, exactly as DL4J's own
 * {@code feedForwardToLayer} does (each layer's input preprocessor, then the layer's {@code activate}), but able to
 * start at any layer; and the output layer's logits, x·W + b without its softmax (see {@link Scorer}). Used for
 * CNNs, whose layers (convolution, batch norm, pooling) are DL4J's to compute; {@link DenseStack} is the MLP's
 * counterpart. Arrays are allocated outside workspaces, so they stay valid after the call.
 */
final class LayerRunner {

    private final MultiLayerNetwork net;
    private final int last;

    LayerRunner(MultiLayerNetwork net) {
        this.net = net;
        this.last = net.getnLayers() - 1;
    }

    int lastLayer() {
        return last;
    }

    /**
     * Input of layer {@code from} (for {@code from} = 0 the flattened images) run through layers {@code from..to}
     * inclusive; returns {@code x} itself when {@code to < from}. {@code to} must be below the output layer. Layers
     * may write into their input (DL4J's activation layer does so at inference), so callers pass arrays they own.
     */
    INDArray forward(int from, int to, INDArray x) {
        if (to >= last) {
            throw new IllegalArgumentException("forward stops before the output layer (" + last + "), not at " + to);
        }
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        INDArray h = x;
        for (int i = from; i <= to; i++) {
            h = preprocess(i, h, mgr);
            Layer layer = net.getLayer(i);
            h = layer.activate(h, false, mgr);
            // the layer keeps a reference to its input; drop it so a sweep's buffers can be collected
            layer.clear();
        }
        return h;
    }

    /** The logits for the input of layer {@code from}: layers from..last-1, then the output layer's x·W + b. */
    INDArray logits(int from, INDArray x) {
        INDArray h = forward(from, last - 1, x);
        h = preprocess(last, h, LayerWorkspaceMgr.noWorkspaces());
        INDArray logits = h.mmul(net.getParam(last + "_W"));
        INDArray bias = net.paramTable().get(last + "_b");
        return bias == null ? logits : logits.addiRowVector(bias);
    }

    /** Layer {@code layer}'s own activation applied to 0 (what zeroed weights and bias make it output). */
    float activationOfZero(int layer) {
        if (layer == last) {
            return 0; // the logits are scored before the softmax: a zeroed output unit has logit 0
        }
        INDArray zero = org.nd4j.linalg.factory.Nd4j.zeros(net.params().dataType(), 1, 1);
        return ((BaseLayer) net.getLayer(layer).conf().getLayer()).getActivationFn().getActivation(zero, false)
                .getFloat(0);
    }

    private INDArray preprocess(int layer, INDArray h, LayerWorkspaceMgr mgr) {
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(layer);
        return pre == null ? h : pre.preProcess(h, (int) h.size(0), mgr);
    }
}
