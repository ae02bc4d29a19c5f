package lesion.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small DL4J networks built in the tests and saved with ModelSerializer, so no binary fixture is committed. */
public final class SavedModels {
    private SavedModels() {
    }

    /** Dense 784→8 relu (named hidden1), 8→6 relu (unnamed), softmax output 6→10 (named out). */
    static MultiLayerNetwork denseNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new DenseLayer.Builder().name("hidden1").nIn(784).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).name("out").nIn(6).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** On 28×28×1 images: conv 3×3 with 4 filters, batch norm, 2×2 max pool, dense 12, softmax output 10. */
    static MultiLayerNetwork convNet() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).name("conv1").nOut(4).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().name("bn1").build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    /** Two dense branches (left 5, right 3) from the input, merged, then dense 7 (top) and a softmax output. */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("in")
                .addLayer("left", new DenseLayer.Builder().nIn(784).nOut(5).activation(Activation.RELU).build(), "in")
                .addLayer("right", new DenseLayer.Builder().nIn(784).nOut(3).activation(Activation.TANH).build(), "in")
                .addVertex("merge", new MergeVertex(), "left", "right")
                .addLayer("top", new DenseLayer.Builder().nIn(8).nOut(7).activation(Activation.RELU).build(), "merge")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(7).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "top")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** The conv net as a graph: conv (4 filters) → relu → batch norm → max pool → output 10, on 28×28×1. */
    static ComputationGraph convGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).graphBuilder()
                .addInputs("image")
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY).build(),
                        "image")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "c1")
                .addLayer("norm", new BatchNormalization.Builder().build(), "act")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(),
                        "norm")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .setInputTypes(InputType.convolutionalFlat(28, 28, 1))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    static Path save(Model net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    /** {@link #denseNet()} saved to {@code file}, for tests outside the engine. */
    public static Path saveDenseNet(Path file) throws IOException {
        return save(denseNet(), file);
    }

    /** {@link #graph()} (two branches from the input) saved to {@code file}, for tests outside the engine. */
    public static Path saveBranchingGraph(Path file) throws IOException {
        return save(graph(), file);
    }

    /** A Keras Sequential MLP 784-8-6-10 (softmax) written to {@code file}, for tests outside the engine. */
    public static Path saveKerasMlp(Path file) {
        KerasH5Files.sequential(file, 784, KerasH5Files.mnistDense());
        return file;
    }

    /**
     * Test images of the IDX data in {@code idxDir} that DL4J's own restore of the model zip {@code zip} classifies
     * correctly, by the largest output (ties to the lower class).
     */
    public static int dl4jRight(Path zip, Path idxDir) throws IOException {
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        Dataset data = IdxDataset.load(idxDir);
        int[] predicted = FileModels.argmax(net.output(data.testFeatures(), false));
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == data.testLabels()[i] ? 1 : 0;
        }
        return right;
    }

    /** {@link #convNet()} saved to {@code file}, for tests outside the engine. */
    public static Path saveConvNet(Path file) throws IOException {
        return save(convNet(), file);
    }
}
