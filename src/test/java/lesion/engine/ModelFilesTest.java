package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code model file "x.zip"} at run time: a saved MultiLayerNetwork runs as saved, a linear ComputationGraph runs as
 * the equivalent MultiLayerNetwork, and a graph with branches is refused with the vertex where it branches. Check's
 * layer table is always the run's.
 */
class ModelFilesTest {
    @TempDir
    Path tmp;

    private final ModelFileInspector inspector = new ModelFileInspector();

    @Test
    void savedMultiLayerNetworkRunsExactlyAsSaved() throws IOException {
        for (MultiLayerNetwork saved : List.of(SavedModels.denseNet(), SavedModels.convNet())) {
            Path file = SavedModels.save(saved, tmp.resolve("net.zip"));
            Network run = ModelFiles.dl4j(file, "net.zip");
            assertEquals(new Network(saved).paramsSha256(), run.paramsSha256());
            Dataset data = FileModels.tinyIdx();
            INDArray expected = saved.output(data.testFeatures(), false);
            assertEquals(expected, run.dl4j().output(data.testFeatures(), false));
            assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
            FileModels.assertSameLayers(FileModels.inspect(inspector, FileModels.fileSpec("net.zip"), file), run);
        }
    }

    @Test
    void linearConvGraphRunsAsTheSameNetwork() throws IOException {
        ComputationGraph graph = SavedModels.convGraph();
        Path file = SavedModels.save(graph, tmp.resolve("convgraph.zip"));
        Network run = ModelFiles.dl4j(file, "convgraph.zip");
        Dataset data = FileModels.tinyIdx();
        INDArray expected = graph.outputSingle(false, data.testFeatures());
        assertEquals(expected, run.dl4j().output(data.testFeatures(), false), "outputs of the graph and of the run");
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        for (int i = 0; i < run.layerCount(); i++) {
            String name = List.of("c1", "act", "norm", "pool", "out").get(i);
            INDArray theirs = graph.getLayer(name).params();
            INDArray mine = run.dl4j().getLayer(i).params();
            assertEquals(theirs == null ? 0 : theirs.length(), mine == null ? 0 : mine.length(), name);
            if (theirs != null && theirs.length() > 0) {
                assertEquals(theirs, mine, "parameters of " + name);
            }
        }
        LayerTable checked = FileModels.inspect(inspector, FileModels.fileSpec("convgraph.zip"), file);
        FileModels.assertSameLayers(checked, run);
        assertEquals(List.of("c1", "act", "norm", "pool", "out"), checked.names());
        assertEquals("file \"convgraph.zip\": ComputationGraph", checked.modelDescription());
    }

    @Test
    void denseGraphEndingInASoftmaxDenseLayerRunsWithAnOutputLayer() throws IOException {
        // a graph's last layer may be a dense softmax layer, as Keras imports write them
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("pixels")
                .addLayer("h", new DenseLayer.Builder().nIn(784).nOut(9).activation(Activation.TANH).build(), "pixels")
                .addLayer("probs", new DenseLayer.Builder().nIn(9).nOut(10).activation(Activation.SOFTMAX).build(),
                        "h")
                .setOutputs("probs")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Path file = SavedModels.save(graph, tmp.resolve("dense.zip"));
        Network run = ModelFiles.dl4j(file, "dense.zip");
        assertTrue(run.denseOnly(), "a dense graph becomes an MLP, so its units can be ablated");
        Dataset data = FileModels.tinyIdx();
        INDArray expected = graph.outputSingle(false, data.testFeatures());
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        LayerTable checked = FileModels.inspect(inspector, FileModels.fileSpec("dense.zip"), file);
        FileModels.assertSameLayers(checked, run);
        assertEquals(List.of("dense", "output"), checked.layers().stream().map(LayerInfo::type).toList());
    }

    @Test
    void networkEndingInALossLayerAfterTheSoftmaxRunsWithoutIt() throws IOException {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(7).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(10).activation(Activation.SOFTMAX).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        Path file = SavedModels.save(net, tmp.resolve("loss.zip"));
        Network run = ModelFiles.dl4j(file, "loss.zip");
        assertEquals(2, run.layerCount());
        Dataset data = FileModels.tinyIdx();
        INDArray expected = net.output(data.testFeatures(), false);
        FileModels.assertClose(expected, run.dl4j().output(data.testFeatures(), false), 0);
        FileModels.assertSameLayers(FileModels.inspect(inspector, FileModels.fileSpec("loss.zip"), file), run);
    }

    @Test
    void graphWithABranchIsLaidOutButRefusedWithTheVertex() throws IOException {
        Path file = SavedModels.save(SavedModels.graph(), tmp.resolve("graph.zip"));
        LayerTable checked = FileModels.inspect(inspector, FileModels.fileSpec("nets/graph.zip"), file);
        assertEquals(4, checked.size(), "check and plan still lay it out");
        assertTrue(checked.cannotRun().startsWith("this version runs only linear graphs; file \"nets/graph.zip\" "
                + "has a branch at vertex in (read by "), checked.cannotRun());
        EngineException e = assertThrows(EngineException.class, () -> ModelFiles.dl4j(file, "nets/graph.zip"));
        assertEquals(checked.cannotRun(), e.getMessage());
    }

    @Test
    void graphWithAnElementWiseVertexIsRefusedByName() throws IOException {
        // a chain in shape, but the vertex is no layer: a MultiLayerNetwork cannot hold it
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(784).nOut(5).build(), "in")
                .addVertex("twice", new ElementWiseVertex(ElementWiseVertex.Op.Add), "a")
                .addLayer("out", new OutputLayer.Builder().nIn(5).nOut(10).activation(Activation.SOFTMAX).build(),
                        "twice")
                .setOutputs("out")
                .setInputTypes(InputType.feedForward(784))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        Path file = SavedModels.save(graph, tmp.resolve("odd.zip"));
        LayerTable checked = FileModels.inspect(inspector, FileModels.fileSpec("odd.zip"), file);
        assertEquals("this version runs only graphs of layers; file \"odd.zip\" has vertex twice of type "
                + "ElementWiseVertex", checked.cannotRun());
    }

    @Test
    void unreadableFileIsAnErrorNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("broken.zip"), "no zip");
        EngineException e = assertThrows(EngineException.class, () -> ModelFiles.dl4j(file, "nets/broken.zip"));
        assertTrue(e.getMessage().startsWith("cannot read the model file 'nets/broken.zip': it is not a zip archive"),
                e.getMessage());
    }
}
