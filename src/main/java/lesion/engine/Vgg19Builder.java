package lesion.engine;

import lesion.check.ModelLayouts;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network of a {@link Vgg19Spec}, one DL4J layer per torchvision module, named as torchvision names
 * them ({@code features.0} … {@code features.52}, {@code avgpool}, {@code classifier.0} … {@code classifier.6}):
 * <ul>
 *   <li>conv: 3×3, stride 1, padding 1 (torch's), with bias and identity activation (the ReLU is its own layer);
 *   <li>batch norm: DL4J's defaults, which are torch's (ε 1e-5, running averages with decay 0.9 = torch's momentum
 *       0.1; γ starts at 1, β at 0); DL4J keeps 4 values per channel (γ, β, mean, variance);
 *   <li>relu: an activation layer;
 *   <li>maxpool: 2×2 stride 2, or 1×1 stride 1 along a side that is already 1 pixel;
 *   <li>avgpool: torch's adaptive average pool to min(7, side), as an average pooling with window side / pooled;
 *   <li>classifier: dense (identity) + relu + dropout twice, then a softmax output with cross-entropy loss. DL4J's
 *       dropout value is the probability of keeping a unit; 0.5 is torch's Dropout(0.5) either way.
 * </ul>
 * Initial weights, drawn from the seed: He (normal with variance 2 / fan-in, DL4J's {@code RELU} init) for every
 * conv and hidden dense layer, each of which feeds a ReLU; Xavier for the output layer; biases 0. (torchvision uses
 * He with fan-out for convs and N(0, 0.01) for dense layers; fan-in keeps the forward signal at unit scale, which
 * is what matters for training from scratch here.) The images arrive as flattened rows; DL4J reshapes them to
 * channels × height × width (NCHW) before the first layer.
 */
final class Vgg19Builder {

    private Vgg19Builder() {
    }

    static MultiLayerNetwork build(Vgg19Spec spec, long seed, IUpdater updater) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(updater)
                .convolutionMode(ConvolutionMode.Truncate)
                .list();
        int index = 0;
        int h = spec.inputHeight();
        int w = spec.inputWidth();
        for (int[] block : ModelLayouts.vgg19Blocks()) {
            for (int base : block) {
                int channels = ModelLayouts.vggScaled(base, spec.width());
                list.layer(new ConvolutionLayer.Builder(3, 3).name(feature(index++))
                        .stride(1, 1).padding(1, 1)
                        .nOut(channels)
                        .hasBias(true)
                        .activation(Activation.IDENTITY)
                        .build());
                if (spec.batchNorm()) {
                    list.layer(new BatchNormalization.Builder().name(feature(index++)).build());
                }
                list.layer(relu(feature(index++)));
            }
            int kh = Vgg19Spec.maxPoolWindow(h);
            int kw = Vgg19Spec.maxPoolWindow(w);
            list.layer(new SubsamplingLayer.Builder(PoolingType.MAX).name(feature(index++))
                    .kernelSize(kh, kw).stride(kh, kw)
                    .build());
            h /= kh;
            w /= kw;
        }
        int pooled = Math.min(7, Math.min(h, w));
        list.layer(new SubsamplingLayer.Builder(PoolingType.AVG).name("avgpool")
                .kernelSize(h / pooled, w / pooled).stride(h / pooled, w / pooled)
                .build());
        int hidden = ModelLayouts.vggScaled(ModelLayouts.VGG_CLASSIFIER_UNITS, spec.width());
        for (int k = 0; k < 2; k++) {
            list.layer(new DenseLayer.Builder().name("classifier." + 3 * k)
                    .nOut(hidden)
                    .hasBias(true)
                    .activation(Activation.IDENTITY)
                    .build());
            list.layer(relu("classifier." + (3 * k + 1)));
            list.layer(new DropoutLayer.Builder(0.5).name("classifier." + (3 * k + 2)).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("classifier.6")
                .nOut(spec.classes())
                .hasBias(true)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER)
                .build());
        list.setInputType(InputType.convolutionalFlat(spec.inputHeight(), spec.inputWidth(), spec.inputChannels()));
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    private static String feature(int index) {
        return "features." + index;
    }

    private static ActivationLayer relu(String name) {
        return new ActivationLayer.Builder().name(name).activation(Activation.RELU).build();
    }
}
