package lesion.engine;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * The DL4J network that {@link Recovery} trains: the damaged network's configuration and a copy of its parameters,
 * with a fresh optimiser (no state, iteration 0) on every layer that trains and the frozen layers fixed.
 *
 * <p>A frozen layer with parameters is set to run exactly as it does at inference: its dropout on the input and
 * weight noise are removed (a convolution, dense or output layer then computes the same in training as at
 * inference), a batch norm is wrapped in {@link FrozenBatchNorm} (its running statistics normalise, as in
 * evaluation, and stay as they are). Its updater becomes {@link NoUpdate} and its regularisation and constraints are
 * removed, so its parameters stay bit for bit as they were. Frozen layers still pass gradients back to the layers
 * below them (freeze above needs that). Why not DL4J's {@code FrozenLayerWithBackprop} everywhere: it cannot wrap the
 * output layer (the network's last layer must be an output layer to train), and it passes a wrong gradient back
 * through a batch norm (see {@link FrozenBatchNorm}). Why not restore frozen parameters after each step: the frozen
 * batch norms would then normalise with minibatch statistics in training but with their running statistics in every
 * evaluation, so the layers below would learn for a network that is never evaluated. Layers without parameters
 * (activations, pooling, dropout layers) have nothing to freeze and run as in training, dropout included. Layers
 * that train keep everything else of their configuration (regularisation, constraints, dropout on the input).
 */
final class RecoveryNet {

    private RecoveryNet() {
    }

    /**
     * A trainable copy of {@code damaged} with {@code updater} on its unfrozen layers, and the last layer of the
     * ablated block wrapped in {@link HeldOutputs} when {@code hold} is not null (mean, noise); damaged is not
     * changed.
     */
    static MultiLayerNetwork build(MultiLayerNetwork damaged, boolean[] frozen, IUpdater updater,
            HeldOutputs.Hold hold) {
        MultiLayerConfiguration conf = damaged.getLayerWiseConfigurations().clone();
        // a new optimiser: Adam's bias correction starts again at iteration 0
        conf.setIterationCount(0);
        conf.setEpochCount(0);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration layerConf = conf.getConf(i);
            Layer layer = layerConf.getLayer();
            if (damaged.getLayer(i).numParams() == 0 || !(layer instanceof BaseLayer base)) {
                continue; // activation, pooling and dropout layers: nothing to train or freeze
            }
            if (frozen[i]) {
                freeze(base);
                if (base instanceof BatchNormalization bn) {
                    layerConf.setLayer(new FrozenBatchNorm(bn));
                }
            } else {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
            }
        }
        if (hold != null) {
            NeuralNetConfiguration end = conf.getConf(hold.blockEnd());
            end.setLayer(new HeldOutputs(end.getLayer(), hold));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init(damaged.params().dup(), false);
        return net;
    }

    private static void freeze(BaseLayer layer) {
        layer.setIUpdater(new NoUpdate());
        layer.setBiasUpdater(null);
        layer.setRegularization(List.of());
        layer.setRegularizationBias(List.of());
        layer.setConstraints(null);
        layer.setIDropout(null);
        layer.setWeightNoise(null);
    }
}
