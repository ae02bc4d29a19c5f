package lesion.engine;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The tests' reference logits, from DL4J's own forward pass and not from {@link DenseStack}: a copy of the network
 * whose output layer's activation is the identity, so {@code output} returns the output layer's pre-activation
 * (DL4J computes x W + b and then the activation on it; the identity returns its input). The layer's
 * {@code preOutput} would be the direct route, but it is protected in DL4J 1.0.0-M2.1.
 */
final class Dl4jLogits {

    private Dl4jLogits() {
    }

    /** An independent copy of {@code net} (parameters bit-identical) that outputs logits instead of softmax. */
    static MultiLayerNetwork identityOutputCopy(MultiLayerNetwork net) {
        // clone() copies the configuration too, so the caller's network keeps its softmax
        MultiLayerNetwork copy = net.clone();
        ((BaseLayer) copy.getOutputLayer().conf().getLayer()).setActivationFn(new ActivationIdentity());
        return copy;
    }

    /** Logits of {@code net} for {@code x} ([rows, inputs]), by DL4J. */
    static INDArray of(MultiLayerNetwork net, INDArray x) {
        return identityOutputCopy(net).output(x, false);
    }
}
