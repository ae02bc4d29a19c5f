package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lesion.ast.ModelSpec;
import lesion.ast.StrLit;
import lesion.ast.Word;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import lesion.source.Span;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;

/**
 * The layer tables of DL4J networks saved to zips (built here, saved to a temporary folder) and the
 * messages for files that are not models.
 */
class ModelFileInspectorTest {
    @TempDir
    Path tmp;

    private final ModelFileInspector inspector = new ModelFileInspector();

    private Path save(org.deeplearning4j.nn.api.Model net, String name) throws IOException {
        return SavedModels.save(net, tmp.resolve(name));
    }

    private static ModelSpec.File fileSpec(String written) {
        return new ModelSpec.File(new StrLit(written, Span.NONE), Span.NONE);
    }

    private LayerTable inspect(Path file, String written) {
        StringBuilder problem = new StringBuilder();
        Optional<LayerTable> table = inspector.layers(fileSpec(written), file, problem);
        assertTrue(table.isPresent(), problem.toString());
        assertEquals("", problem.toString());
        return table.get();
    }

    private String failure(ModelSpec spec, Path file) {
        StringBuilder problem = new StringBuilder();
        Optional<LayerTable> table = inspector.layers(spec, file, problem);
        assertFalse(table.isPresent(), () -> "expected no table, got\n" + table.get().render());
        return problem.toString();
    }

    @Test
    void denseNetworkListsEveryLayerWithItsUnitsAndParameters() throws IOException {
        MultiLayerNetwork net = SavedModels.denseNet();
        LayerTable table = inspect(save(net, "net.zip"), "nets/net.zip");
        assertEquals("file \"nets/net.zip\": MultiLayerNetwork", table.modelDescription());
        assertEquals(3, table.size());
        assertEquals(List.of("hidden1", "layer1", "out"), table.names());
        assertEquals(List.of("dense", "dense", "output"), table.layers().stream().map(LayerInfo::type).toList());
        assertEquals(List.of(8, 6, 10), table.layers().stream().map(LayerInfo::units).toList());
        for (int i = 0; i < 3; i++) {
            assertEquals(net.getLayer(i).numParams(), table.get(i).params(), "params of layer " + i);
            assertEquals(i, table.get(i).index());
            assertFalse(table.get(i).batchNormAfter());
        }
        assertArrayEquals(new int[] {8}, table.get(0).outputShape());
        assertArrayEquals(new int[] {10}, table.get(2).outputShape());
        assertEquals(784L * 8 + 8 + 8 * 6 + 6 + 6 * 10 + 10, table.totalParams());
    }

    @Test
    void convNetworkHasShapesFromItsInputTypeAndSeesTheBatchNormAfterTheConv() throws IOException {
        MultiLayerNetwork net = SavedModels.convNet();
        LayerTable table = inspect(save(net, "conv.zip"), "conv.zip");
        assertEquals(List.of("conv", "batchnorm", "maxpool", "dense", "output"),
                table.layers().stream().map(LayerInfo::type).toList());
        assertEquals(List.of(4, 0, 0, 12, 10), table.layers().stream().map(LayerInfo::units).toList());
        for (int i = 0; i < table.size(); i++) {
            assertEquals(net.getLayer(i).numParams(), table.get(i).params(), "params of layer " + i);
        }
        assertEquals("filters", table.get(0).unitNoun());
        assertTrue(table.get(0).batchNormAfter(), "the conv is followed by a batch norm");
        assertFalse(table.get(3).batchNormAfter());
        assertArrayEquals(new int[] {4, 26, 26}, table.get(0).outputShape());
        assertArrayEquals(new int[] {4, 26, 26}, table.get(1).outputShape());
        assertArrayEquals(new int[] {4, 13, 13}, table.get(2).outputShape());
        assertArrayEquals(new int[] {12}, table.get(3).outputShape());
        assertEquals(List.of("conv1", "bn1", "layer2", "layer3", "layer4"), table.names());
        assertEquals(List.of(0), table.ofKind("conv").stream().map(LayerInfo::index).toList());
    }

    @Test
    void computationGraphIsNumberedInTopologicalOrderWithoutItsMergeVertex() throws IOException {
        ComputationGraph graph = SavedModels.graph();
        LayerTable table = inspect(save(graph, "graph.zip"), "graph.zip");
        assertEquals("file \"graph.zip\": ComputationGraph", table.modelDescription());
        List<String> names = table.names();
        assertEquals(4, names.size(), names.toString());
        // left and right both come straight from the input; DL4J orders them, we keep its order
        assertEquals(List.of("left", "right"), names.subList(0, 2).stream().sorted().toList());
        assertEquals(List.of("top", "out"), names.subList(2, 4));
        for (LayerInfo l : table.layers()) {
            assertEquals(graph.getLayer(l.name()).numParams(), l.params(), "params of " + l.name());
        }
        assertEquals("output", table.get(3).type());
        assertEquals(7, table.byName("top").orElseThrow().units());
        assertArrayEquals(new int[] {7}, table.byName("top").orElseThrow().outputShape());
        int[] order = graph.topologicalSortOrder();
        int position = 0;
        for (int v : order) {
            if (graph.getVertices()[v].hasLayer()) {
                assertEquals(graph.getVertices()[v].getVertexName(), table.get(position++).name());
            }
        }
    }

    @Test
    void convGraphHasShapesAndSeesTheBatchNormBehindTheRelu() throws IOException {
        ComputationGraph graph = SavedModels.convGraph();
        LayerTable table = inspect(save(graph, "convgraph.zip"), "convgraph.zip");
        assertEquals(List.of("c1", "act", "norm", "pool", "out"), table.names());
        assertEquals(List.of("conv", "relu", "batchnorm", "maxpool", "output"),
                table.layers().stream().map(LayerInfo::type).toList());
        assertArrayEquals(new int[] {4, 26, 26}, table.get(0).outputShape());
        assertArrayEquals(new int[] {4, 13, 13}, table.get(3).outputShape());
        assertArrayEquals(new int[] {10}, table.get(4).outputShape());
        assertTrue(table.get(0).batchNormAfter());
        assertEquals(graph.getLayer("c1").numParams(), table.get(0).params());
        assertEquals(graph.numParams(), table.totalParams());
    }

    @Test
    void emptyFileIsReportedByName() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.zip"));
        assertEquals("cannot read the model file 'nets/empty.zip': the file is empty",
                failure(fileSpec("nets/empty.zip"), empty));
    }

    @Test
    void randomBytesAreNotAZip() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path file = Files.write(tmp.resolve("junk.zip"), junk);
        String message = failure(fileSpec("junk.zip"), file);
        assertTrue(message.startsWith("cannot read the model file 'junk.zip': it is not a zip archive, or a truncated one"),
                message);
    }

    @Test
    void truncatedModelIsReported() throws IOException {
        byte[] whole = Files.readAllBytes(save(SavedModels.denseNet(), "whole.zip"));
        Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(whole, whole.length / 2));
        String message = failure(fileSpec("cut.zip"), cut);
        assertTrue(message.startsWith("cannot read the model file 'cut.zip': "), message);
    }

    @Test
    void zipThatIsNotAModelIsReported() throws IOException {
        Path file = tmp.resolve("photos.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("holiday photos".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertEquals("cannot read the model file 'photos.zip': the zip has no configuration.json, so it is not a "
                + "network saved by DL4J's ModelSerializer", failure(fileSpec("photos.zip"), file));
    }

    @Test
    void zipWithRandomContentInItsEntriesIsReported() throws IOException {
        Path file = tmp.resolve("fake.zip");
        byte[] junk = new byte[2048];
        new Random(3).nextBytes(junk);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String name : List.of("configuration.json", "coefficients.bin")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(junk);
                zip.closeEntry();
            }
        }
        String message = failure(fileSpec("fake.zip"), file);
        assertTrue(message.startsWith("cannot read the model file 'fake.zip': its configuration.json is not valid JSON"),
                message);
    }

    @Test
    void configurationWithoutWeightsOrWithWrongWeightsIsReported() throws IOException {
        // a real configuration with coefficients of the wrong length: ModelSerializer itself fails
        Path real = save(SavedModels.denseNet(), "real.zip");
        Path file = tmp.resolve("mismatch.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
                java.util.zip.ZipFile source = new java.util.zip.ZipFile(real.toFile())) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            source.getInputStream(source.getEntry("configuration.json")).transferTo(zip);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("coefficients.bin"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        String message = failure(fileSpec("mismatch.zip"), file);
        assertTrue(message.startsWith("cannot read the model file 'mismatch.zip': DL4J could not restore the "
                + "MultiLayerNetwork in it: "), message);
    }

    @Test
    void configurationWithoutWeightsIsReported() throws IOException {
        Path real = save(SavedModels.denseNet(), "real.zip");
        Path file = tmp.resolve("config-only.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file));
                java.util.zip.ZipFile source = new java.util.zip.ZipFile(real.toFile())) {
            zip.putNextEntry(new ZipEntry("configuration.json"));
            source.getInputStream(source.getEntry("configuration.json")).transferTo(zip);
            zip.closeEntry();
        }
        assertEquals("cannot read the model file 'config-only.zip': the zip has no coefficients.bin: it holds a "
                + "configuration but no weights", failure(fileSpec("config-only.zip"), file));
    }

    @Test
    void networkWithoutInputTypeKeepsWhatItCanKnow() throws IOException {
        // no setInputType: the conv's output size is unknown; dense layers still know theirs
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(2).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nIn(1).nOut(4).build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().nOut(4).name("0").build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().name("fc").nIn(4).nOut(5).activation(Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(5).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new DenseLayer.Builder().nIn(5).nOut(10).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        LayerTable table = inspect(save(net, "noinput.zip"), "noinput.zip");
        assertEquals(List.of("conv", "relu", "batchnorm", "globalpool", "dense", "batchnorm", "dropout", "output"),
                table.layers().stream().map(LayerInfo::type).toList());
        // "0" could not be told from an index, so it is replaced
        assertEquals(List.of("layer0", "layer1", "layer2", "layer3", "fc", "layer5", "layer6", "layer7"), table.names());
        assertArrayEquals(new int[0], table.get(0).outputShape());
        assertArrayEquals(new int[0], table.get(2).outputShape());
        assertArrayEquals(new int[] {5}, table.get(4).outputShape());
        assertArrayEquals(new int[] {5}, table.get(6).outputShape(), "a dropout keeps the shape before it");
        assertArrayEquals(new int[] {10}, table.get(7).outputShape());
        assertTrue(table.get(0).batchNormAfter(), "a ReLU between the conv and the batch norm keeps zeros at zero");
        assertTrue(table.get(4).batchNormAfter(), "a dense layer before a batch norm is not silenced by zero either");
        assertFalse(table.get(7).batchNormAfter());
        for (int i = 0; i < table.size(); i++) {
            assertEquals(net.getLayer(i).numParams(), table.get(i).params(), "params of layer " + i);
        }
    }

    @Test
    void kerasZipOfADl4jModelIsNotTakenForKeras() throws IOException {
        Path file = save(SavedModels.denseNet(), "net.h5");
        ModelSpec.Keras spec = new ModelSpec.Keras(new StrLit("net.h5", Span.NONE), Span.NONE);
        assertTrue(failure(spec, file).startsWith("cannot read the keras model 'net.h5': it is not an HDF5 file"));
    }

    @Test
    void emptyKerasFileIsReported() throws IOException {
        Path file = Files.createFile(tmp.resolve("empty.h5"));
        ModelSpec.Keras spec = new ModelSpec.Keras(new StrLit("empty.h5", Span.NONE), Span.NONE);
        assertEquals("cannot read the keras model 'empty.h5': the file is empty", failure(spec, file));
    }

    @Test
    void zooModelMissingFromTheCacheSaysWhereItGoes() {
        // an empty cache of our own, so that a file in the real ~/.deeplearning4j plays no part
        ZooStore.Entry entry = new ZooStore.Entry("vgg16", "https://example.org/models/vgg16.zip", 7, "vgg16.zip",
                new int[] {3, 224, 224});
        ModelFileInspector empty = new ModelFileInspector(new ZooStore(tmp, java.util.Map.of("vgg16", entry)), false);
        ModelSpec.Zoo zoo = new ModelSpec.Zoo(new Word("vgg16", Span.NONE), new Word("imagenet", Span.NONE), Span.NONE);
        StringBuilder problem = new StringBuilder();
        assertFalse(empty.layers(zoo, null, problem).isPresent());
        assertTrue(problem.toString().startsWith("the pretrained zoo model vgg16 is not in DL4J's cache: place "
                + "vgg16.zip"), problem.toString());
        assertTrue(problem.toString().contains(" at " + tmp.resolve("models/vgg16/vgg16.zip")), problem.toString());
    }

    @Test
    void layersTableRendersTheFileModel() throws IOException {
        String text = inspect(save(SavedModels.denseNet(), "net.zip"), "net.zip").render();
        assertTrue(text.startsWith("file \"net.zip\": MultiLayerNetwork\n"), text);
        assertTrue(text.contains("hidden1") && text.contains("6,280"), text);
    }
}
