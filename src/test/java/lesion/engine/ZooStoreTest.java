package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.Adler32;
import lesion.ast.ModelSpec;
import lesion.ast.Word;
import lesion.check.LayerTable;
import lesion.source.Span;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.ResNet50;
import org.deeplearning4j.zoo.model.VGG16;
import org.deeplearning4j.zoo.model.VGG19;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code model zoo … imagenet}: where the pretrained files live (DL4J's own cache layout), their verification by
 * DL4J's Adler32 checksum, the download and its failures. The real files (hundreds of MB on a host this machine
 * cannot reach) are replaced by small saved networks under entries with their own URL and checksum.
 */
class ZooStoreTest {
    @TempDir
    Path root;

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static long adler32(byte[] bytes) {
        Adler32 a = new Adler32();
        a.update(bytes);
        return a.getValue();
    }

    private static ModelSpec.Zoo zooSpec(String name) {
        return new ModelSpec.Zoo(new Word(name, Span.NONE), new Word("imagenet", Span.NONE), Span.NONE);
    }

    private static ZooStore store(Path root, String name, String url, long checksum) {
        return new ZooStore(root, Map.of(name, new ZooStore.Entry(name, url, checksum, name + "_test.zip",
                new int[] {1, 28, 28})));
    }

    /** A URL on this machine where nothing listens. */
    private static String deadUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/models/vgg16_test.zip";
    }

    private String serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/models/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/models/vgg16_test.zip";
    }

    private static byte[] savedConvGraph(Path tmp) throws IOException {
        return Files.readAllBytes(SavedModels.save(SavedModels.convGraph(), tmp));
    }

    private static long filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void dl4jEntriesAreTheUrlsChecksumsAndCachePathsOfDl4jsZoo() {
        ZooStore store = ZooStore.dl4j();
        for (var model : new org.deeplearning4j.zoo.ZooModel<?>[] {VGG16.builder().build(), VGG19.builder().build(),
                ResNet50.builder().build()}) {
            ZooStore.Entry e = store.entry(model.modelName());
            assertEquals(model.pretrainedUrl(PretrainedType.IMAGENET), e.url());
            assertEquals(model.pretrainedChecksum(PretrainedType.IMAGENET), e.adler32());
            // where ZooModel.initPretrained looks: DL4JResources.getDirectory(ZOO_MODEL, modelName()) (built here
            // as it builds it, without its side effect of creating the folder), then the URL's file name
            Path dl4j = DL4JResources.getBaseDirectory().toPath().resolve(ResourceType.ZOO_MODEL.resourceName())
                    .resolve(model.modelName())
                    .resolve(new java.io.File(model.pretrainedUrl(PretrainedType.IMAGENET)).getName());
            assertEquals(dl4j, store.fileOf(e));
        }
        assertEquals("vgg16_dl4j_inference.zip", store.entry("vgg16").fileName());
        assertArrayEquals(new int[] {3, 224, 224}, store.entry("vgg19").inputShape());
    }

    @Test
    void placedFileIsVerifiedLoadedAndLaidOutAsItRuns() throws IOException {
        ComputationGraph graph = SavedModels.convGraph();
        Path saved = SavedModels.save(graph, root.resolve("saved.zip"));
        ZooStore store = store(root.resolve("dl4j"), "vgg16", deadUrl(), adler32(Files.readAllBytes(saved)));
        Path file = store.fileOf(store.entry("vgg16"));
        assertEquals(root.resolve("dl4j/models/vgg16/vgg16_test.zip"), file);
        Files.createDirectories(file.getParent());
        Files.copy(saved, file);

        Network run = ModelFiles.zoo(store, "vgg16", false);
        Dataset data = FileModels.tinyIdx();
        INDArray expected = graph.outputSingle(false, data.testFeatures());
        assertEquals(expected, run.dl4j().output(data.testFeatures(), false));
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());

        LayerTable checked = FileModels.inspect(new ModelFileInspector(store, false), zooSpec("vgg16"), null);
        assertEquals("zoo vgg16 imagenet: ComputationGraph", checked.modelDescription());
        FileModels.assertSameLayers(checked, run);
    }

    @Test
    void zooNetworkSavedForImagesRunsOnFlatImagesOfItsDeclaredShape() throws IOException {
        // like DL4J's pretrained VGGs: built for 4-D input, so the file holds no flat-image preprocessor
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(2).graphBuilder()
                .addInputs("input_1")
                .addLayer("block1_conv1", new ConvolutionLayer.Builder(3, 3).nOut(3).activation(Activation.RELU)
                        .build(), "input_1")
                .addLayer("block1_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build(), "block1_conv1")
                .addLayer("fc1", new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(), "block1_pool")
                .addLayer("predictions", new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build(),
                        "fc1")
                .setOutputs("predictions")
                .setInputTypes(InputType.convolutional(28, 28, 1))
                .build());
        graph.init();
        Path saved = SavedModels.save(graph, root.resolve("saved.zip"));
        ZooStore store = store(root, "vgg16", deadUrl(), adler32(Files.readAllBytes(saved)));
        Path file = store.fileOf(store.entry("vgg16"));
        Files.createDirectories(file.getParent());
        Files.copy(saved, file);
        Network run = ModelFiles.zoo(store, "vgg16", false);
        Dataset data = FileModels.tinyIdx();
        INDArray expected = graph.outputSingle(false, data.testFeatures().reshape('c', data.testSize(), 1, 28, 28));
        assertEquals(expected, run.dl4j().output(data.testFeatures(), false));
        assertArrayEquals(FileModels.argmax(expected), run.evaluate(data).predicted());
        FileModels.assertSameLayers(FileModels.inspect(new ModelFileInspector(store, false), zooSpec("vgg16"), null),
                run);
    }

    @Test
    void missingFileSaysWhereToPlaceItWithoutDownloading() throws IOException {
        ZooStore store = store(root, "vgg16", "http://example.invalid/models/vgg16_test.zip", 12345);
        Path file = root.resolve("models/vgg16/vgg16_test.zip");
        StringBuilder problem = new StringBuilder();
        Optional<LayerTable> table = new ModelFileInspector(store, false).layers(zooSpec("vgg16"), null, problem);
        assertFalse(table.isPresent());
        assertEquals("the pretrained zoo model vgg16 is not in DL4J's cache: place vgg16_test.zip (from "
                + "http://example.invalid/models/vgg16_test.zip, Adler32 checksum 12345) at " + file
                + "; 'lesion run' downloads it when example.invalid can be reached", problem.toString());
        assertFalse(Files.exists(file));
    }

    @Test
    void failedDownloadNamesTheModelTheUrlAndThePathAndLeavesNothing() throws IOException {
        String url = deadUrl();
        ZooStore store = store(root, "vgg16", url, 12345);
        EngineException e = assertThrows(EngineException.class, () -> store.verifiedFile("vgg16", true));
        Path file = root.resolve("models/vgg16/vgg16_test.zip");
        assertTrue(e.getMessage().startsWith("cannot download the pretrained zoo model vgg16 from " + url + " ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); place the file by hand at " + file + " (Adler32 checksum 12345)"),
                e.getMessage());
        assertEquals(0, filesIn(file.getParent()), "no partial download is left behind");
        StringBuilder problem = new StringBuilder();
        new ModelFileInspector(store, true).layers(zooSpec("vgg16"), null, problem);
        assertEquals(e.getMessage(), problem.toString(), "run's check reports the same");
    }

    @Test
    void downloadIsVerifiedThenPutWhereDl4jKeepsIt() throws IOException {
        byte[] body = savedConvGraph(root.resolve("saved.zip"));
        ZooStore store = store(root.resolve("dl4j"), "vgg16", serve(body), adler32(body));
        Path file = store.verifiedFile("vgg16", true);
        assertEquals(root.resolve("dl4j/models/vgg16/vgg16_test.zip"), file);
        assertArrayEquals(body, Files.readAllBytes(file));
        assertEquals(1, filesIn(file.getParent()));
        assertEquals(5, ModelFiles.zoo(store, "vgg16", false).layerCount());
    }

    @Test
    void downloadThatFailsItsChecksumIsNotKept() throws IOException {
        byte[] body = savedConvGraph(root.resolve("saved.zip"));
        ZooStore store = store(root.resolve("dl4j"), "vgg16", serve(body), adler32(body) + 1);
        EngineException e = assertThrows(EngineException.class, () -> store.verifiedFile("vgg16", true));
        assertTrue(e.getMessage().contains("the download's Adler32 checksum is " + adler32(body) + " but DL4J expects "
                + (adler32(body) + 1)), e.getMessage());
        assertEquals(0, filesIn(root.resolve("dl4j/models/vgg16")));
    }

    @Test
    void corruptFileInTheCacheIsReportedAndLeftForTheUser() throws IOException {
        byte[] body = savedConvGraph(root.resolve("saved.zip"));
        ZooStore store = store(root, "vgg19", deadUrl(), adler32(body));
        Path file = store.fileOf(store.entry("vgg19"));
        Files.createDirectories(file.getParent());
        byte[] damaged = java.util.Arrays.copyOf(body, body.length / 2);
        Files.write(file, damaged);
        String expected = "the pretrained zoo model file " + file + " is damaged or incomplete: its Adler32 checksum "
                + "is " + adler32(damaged) + " but DL4J expects " + adler32(body) + "; replace it with a good copy from "
                + store.entry("vgg19").url() + ", or delete it so that 'lesion run' downloads it again";
        EngineException e = assertThrows(EngineException.class, () -> ModelFiles.zoo(store, "vgg19", true));
        assertEquals(expected, e.getMessage());
        StringBuilder problem = new StringBuilder();
        new ModelFileInspector(store, false).layers(zooSpec("vgg19"), null, problem);
        assertEquals(expected, problem.toString());
        assertArrayEquals(damaged, Files.readAllBytes(file), "the file is not deleted");
    }

    @Test
    void branchingZooModelIsLaidOutButRefusedForRunning() throws IOException {
        // ResNet-50's residual blocks branch; a small graph with a branch stands in for it
        Path saved = SavedModels.save(SavedModels.graph(), root.resolve("saved.zip"));
        ZooStore store = store(root, "resnet50", deadUrl(), adler32(Files.readAllBytes(saved)));
        Path file = store.fileOf(store.entry("resnet50"));
        Files.createDirectories(file.getParent());
        Files.copy(saved, file);
        LayerTable checked = FileModels.inspect(new ModelFileInspector(store, false), zooSpec("resnet50"), null);
        assertEquals(4, checked.size());
        assertTrue(checked.cannotRun().startsWith("this version runs only linear graphs; zoo resnet50 imagenet has a "
                + "branch at vertex in"), checked.cannotRun());
        EngineException e = assertThrows(EngineException.class, () -> ModelFiles.zoo(store, "resnet50", false));
        assertEquals(checked.cannotRun(), e.getMessage());
    }
}
