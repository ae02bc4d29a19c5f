package lesion.engine;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network of an {@link Architecture}. An {@link MlpSpec} gives dense hidden layers, a softmax output
 * and Xavier initial weights; a {@link Vgg19Spec} is built by {@link Vgg19Builder}.
 */
final class NetworkFactory {

    private NetworkFactory() {
    }

    static IUpdater updater(TrainSpec train) {
        if (train.optimizer().equals("adam")) {
            return new Adam(train.learningRate());
        }
        return train.momentum() == 0 ? new Sgd(train.learningRate())
                : new MomentumSgd(train.learningRate(), train.momentum());
    }

    /** A freshly initialised network; its initial weights depend only on the architecture and the seed. */
    static MultiLayerNetwork build(Architecture architecture, long seed, IUpdater updater) {
        if (architecture instanceof MlpSpec mlp) {
            return mlp(mlp, seed, updater);
        }
        if (architecture instanceof Vgg19Spec vgg) {
            return Vgg19Builder.build(vgg, seed, updater);
        }
        throw new IllegalArgumentException("no builder for " + architecture);
    }

    private static MultiLayerNetwork mlp(MlpSpec spec, long seed, IUpdater updater) {
        int[] sizes = spec.sizes();
        int layers = spec.layerCount();
        Activation activation = MlpSpec.dl4jActivation(spec.activation());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(updater)
                .list();
        for (int i = 0; i < layers - 1; i++) {
            list.layer(new DenseLayer.Builder()
                    .name(MlpSpec.layerName(i, layers))
                    .nIn(sizes[i]).nOut(sizes[i + 1])
                    .activation(activation)
                    .hasBias(spec.bias())
                    .build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .name(MlpSpec.layerName(layers - 1, layers))
                .nIn(sizes[layers - 1]).nOut(sizes[layers])
                .activation(Activation.SOFTMAX)
                .hasBias(spec.bias())
                .build());
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
