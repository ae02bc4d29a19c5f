package lesion.engine;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense network's layers as plain matrices, with a forward pass that repeats DL4J's inference arithmetic op for
 * op (c-ordered result of x.mmuli(W), then addiRowVector(b), then the layer's activation), so every pre-activation
 * and activation equals DL4J's bit for bit while letting callers reuse buffers and start at any layer. In particular
 * {@link #logits} equals {@code output} of the same network with its output activation replaced by the identity
 * (DL4J's own layers compute exactly x W + b there and then apply the activation to it).
 */
final class DenseStack {

    private final INDArray[] weights;
    private final INDArray[] biases;
    private final IActivation[] activations;

    DenseStack(MultiLayerNetwork net) {
        int n = net.getnLayers();
        weights = new INDArray[n];
        biases = new INDArray[n];
        activations = new IActivation[n];
        for (int i = 0; i < n; i++) {
            // live views of the parameters: read only here, never written
            weights[i] = net.getParam(i + "_W");
            biases[i] = net.paramTable().containsKey(i + "_b") ? net.getParam(i + "_b") : null;
            activations[i] = ((BaseLayer) net.getLayer(i).conf().getLayer()).getActivationFn();
        }
    }

    int layerCount() {
        return weights.length;
    }

    /** A scratch [rows, units of layer] matrix in the element type and order DL4J uses for pre-activations. */
    INDArray buffer(long rows, int layer) {
        return Nd4j.createUninitialized(weights[layer].dataType(), new long[] {rows, weights[layer].columns()}, 'c');
    }

    /** z = x W + b, written into {@code out} (which must be {@link #buffer} shaped). */
    INDArray preActivation(int layer, INDArray x, INDArray out) {
        x.mmuli(weights[layer], out);
        if (biases[layer] != null) {
            out.addiRowVector(biases[layer]);
        }
        return out;
    }

    /** Applies the layer's activation, in place where DL4J does so. */
    INDArray activate(int layer, INDArray z) {
        return activations[layer].getActivation(z, false);
    }

    /** Output of layer {@code layer} for input {@code x}, in a fresh buffer. */
    INDArray forward(int layer, INDArray x) {
        return activate(layer, preActivation(layer, x, buffer(x.rows(), layer)));
    }

    /**
     * The output layer's pre-activation (the logits, before softmax) for input {@code x} ([rows, inputs]), in a
     * fresh buffer: every hidden layer in full, then x W + b of the output layer.
     */
    INDArray logits(INDArray x) {
        int last = layerCount() - 1;
        INDArray h = x;
        for (int i = 0; i < last; i++) {
            h = forward(i, h);
        }
        return preActivation(last, h, buffer(h.rows(), last));
    }
}
