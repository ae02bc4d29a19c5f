package lesion.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Gives a network the head {@link Network} scores: a softmax {@code OutputLayer}. Imported and converted networks
 * end in other, equivalent ways, which are rewritten without changing a single output:
 * <ul>
 *   <li>a parameterless loss layer with the identity activation after a softmax (DL4J's Keras import adds one for
 *       a compiled model) is dropped;
 *   <li>a dense layer with the identity activation followed by a softmax activation layer (Keras's
 *       {@code Dense(10), Activation("softmax")}) becomes one dense layer with softmax;
 *   <li>a final dense layer with softmax (what Keras's {@code Dense(10, activation="softmax")} imports as) becomes
 *       an {@code OutputLayer} with the same weights (the loss, multi-class cross-entropy, plays no part in
 *       inference).
 * </ul>
 * Dropped layers disappear from the layer table, which is always read from the network as it runs.
 */
final class SoftmaxHead {
    private SoftmaxHead() {
    }

    /** {@code net} itself when its head needs no change, else an equivalent network sharing its parameters. */
    static MultiLayerNetwork apply(MultiLayerNetwork net) {
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        for (NeuralNetConfiguration c : conf.getConfs()) {
            confs.add(c.clone());
        }
        Map<Integer, InputPreProcessor> pre = conf.getInputPreProcessors();
        boolean changed = false;
        int n = confs.size();
        if (n >= 2 && layer(confs, n - 1) instanceof LossLayer loss
                && loss.getActivationFn() instanceof ActivationIdentity && activation(layer(confs, n - 2))
                        instanceof ActivationSoftmax && !pre.containsKey(n - 1)) {
            confs.remove(--n);
            changed = true;
        }
        if (n >= 2 && layer(confs, n - 1) instanceof ActivationLayer act
                && act.getActivationFn() instanceof ActivationSoftmax && !pre.containsKey(n - 1)
                && layer(confs, n - 2) instanceof DenseLayer dense
                && dense.getActivationFn() instanceof ActivationIdentity) {
            confs.remove(--n);
            dense.setActivationFn(new ActivationSoftmax());
            changed = true;
        }
        if (n >= 1 && layer(confs, n - 1) instanceof DenseLayer dense
                && dense.getActivationFn() instanceof ActivationSoftmax) {
            OutputLayer out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(dense.getNIn()).nOut(dense.getNOut()).activation(new ActivationSoftmax())
                    .hasBias(dense.hasBias()).weightInit(dense.getWeightInitFn()).name(dense.getLayerName()).build();
            confs.get(n - 1).setLayer(out);
            changed = true;
        }
        if (!changed) {
            return net;
        }
        MultiLayerConfiguration rewritten = conf.clone();
        rewritten.setConfs(confs);
        MultiLayerNetwork out = new MultiLayerNetwork(rewritten);
        // the dropped layers have no parameters and an OutputLayer keeps a dense layer's W and b in the same
        // order, so the flat parameter array is the same
        out.init(net.params(), false);
        return out;
    }

    private static Layer layer(List<NeuralNetConfiguration> confs, int i) {
        return confs.get(i).getLayer();
    }

    private static Object activation(Layer layer) {
        return layer instanceof BaseLayer b ? b.getActivationFn()
                : layer instanceof ActivationLayer a ? a.getActivationFn() : null;
    }
}
