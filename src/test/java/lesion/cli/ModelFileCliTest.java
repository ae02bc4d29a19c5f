package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import lesion.engine.Dl4jResourcesRoot;
import lesion.engine.SavedModels;
import lesion.results.Sha256;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model file "x.zip"}, {@code model keras "x.h5"} and {@code model zoo …} from the command line: check,
 * plan and layers read the saved network's layers; run evaluates and ablates it as saved, with the file's
 * SHA-256 in the manifest; what this version cannot run (a graph with branches, training a file model) is
 * refused before any work; bad layers and bad files are study errors at the model statement.
 */
class ModelFileCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path study(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private Path denseStudy(String ablate) throws IOException {
        Path net = SavedModels.saveDenseNet(tmp.resolve("net.zip"));
        return study("file.study", "data mnist;\nmodel file \"" + net + "\";\n" + ablate + "\n");
    }

    @Test
    void checkAcceptsAModelFile() throws IOException {
        Path study = denseStudy("ablate layer 0 units each;");
        CliRunner.Result r = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("ok, 1 step"), r.out());
        assertTrue(r.out().contains("8 variants"), r.out());
    }

    @Test
    void planNamesTheLayersOfTheFile() throws IOException {
        Path study = denseStudy("ablate layer 0 units each;\nablate layer out units 1, 2;");
        CliRunner.Result r = CliRunner.run("plan", study.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().contains("layer 0 (hidden1, dense, 8 units)"), r.out());
        assertTrue(r.out().contains("layer 2 (out, output, 10 units)"), r.out());
        assertTrue(r.out().contains("each of 8 units alone: 8 variants"), r.out());
    }

    private static Path tinyIdx() {
        return Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx").toAbsolutePath();
    }

    private CliRunner.Result run(Path study, Path out) {
        return CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
    }

    @Test
    void runEvaluatesAndAblatesTheSavedNetworkAsSaved() throws IOException {
        Path net = SavedModels.saveDenseNet(tmp.resolve("net.zip"));
        Path study = study("file.study", "seed 1;\ndata idx \"" + tinyIdx() + "\";\nmodel file \"net.zip\";\n"
                + "evaluate;\nablate layer hidden1 units each;\n");
        Path out = tmp.resolve("out");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("model: read from " + net.toAbsolutePath().normalize()), r.err());
        JsonNode evaluation = JSON.readTree(out.resolve("step-1-evaluate.json").toFile());
        int right = SavedModels.dl4jRight(net, tinyIdx());
        assertEquals(right / 50.0, evaluation.findValue("top1").asDouble(), 1e-9,
                "the run scores the network exactly as DL4J's own restore of the file predicts");
        assertEquals(1 + 8, Files.readAllLines(out.resolve("step-2-ablate.csv")).size(), "8 units of hidden1");
        JsonNode model = JSON.readTree(out.resolve("manifest.json").toFile()).get("model");
        assertEquals(Sha256.hex(net), model.get("file_sha256").asText());
        assertEquals(net.toAbsolutePath().normalize().toString().replace('\\', '/'), model.get("file").asText());
    }

    @Test
    void runOfAKerasModelEvaluatesIt() throws IOException {
        SavedModels.saveKerasMlp(tmp.resolve("mlp.h5"));
        Path study = study("keras.study", "seed 1;\ndata idx \"" + tinyIdx() + "\";\nmodel keras \"mlp.h5\";\n"
                + "evaluate;\nablate layer dense_2 units each;\n");
        Path out = tmp.resolve("out");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertEquals(1 + 6, Files.readAllLines(out.resolve("step-2-ablate.csv")).size(), "6 units of dense_2");
        assertEquals(Sha256.hex(tmp.resolve("mlp.h5")),
                JSON.readTree(out.resolve("manifest.json").toFile()).get("model").get("file_sha256").asText());
    }

    @Test
    void runRefusesAGraphWithBranchesBeforeAnyWork() throws IOException {
        SavedModels.saveBranchingGraph(tmp.resolve("graph.zip"));
        Path study = study("graph.study", "data idx \"" + tinyIdx() + "\";\nmodel file \"graph.zip\";\nevaluate;\n");
        CliRunner.Result check = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.OK, check.exit(), "check and plan still accept it: " + check.err());
        Path out = tmp.resolve("out");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("graph.study:2:1: error: this version runs only linear graphs; file \"graph.zip\" "
                + "has a branch at vertex in"), r.err());
        assertFalse(Files.exists(out), "a refused run leaves no run directory");
    }

    @Test
    void runRefusesTrainingAFileModel() throws IOException {
        SavedModels.saveDenseNet(tmp.resolve("net.zip"));
        Path study = study("train.study", "data idx \"" + tinyIdx() + "\";\nmodel file \"net.zip\";\n"
                + "train 1 epochs;\nevaluate;\n");
        Path out = tmp.resolve("out");
        CliRunner.Result r = run(study, out);
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("train.study:3:1: error: 'train' on a model read from a file is not implemented "
                + "yet"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void convFileEvaluatesAndItsFiltersAblate() throws IOException {
        SavedModels.saveConvNet(tmp.resolve("conv.zip"));
        Path evaluate = study("conv.study", "data idx \"" + tinyIdx() + "\";\nmodel file \"conv.zip\";\nevaluate;\n");
        CliRunner.Result r = run(evaluate, tmp.resolve("out"));
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(Files.exists(tmp.resolve("out/step-1-evaluate.csv")));
        Path ablate = study("conv-ablate.study", "data idx \"" + tinyIdx() + "\";\nmodel file \"conv.zip\";\n"
                + "ablate layers conv units each using mask;\n");
        CliRunner.Result ran = run(ablate, tmp.resolve("out2"));
        assertEquals(ExitCodes.OK, ran.exit(), ran.err());
        List<String> rows = Files.readAllLines(tmp.resolve("out2/step-1-ablate.csv"));
        assertTrue(rows.size() > 1, "one row per filter");
        int silenced = List.of(rows.get(0).split(",")).indexOf("silenced");
        assertTrue(rows.subList(1, rows.size()).stream().allMatch(row -> row.split(",")[silenced].equals("yes")),
                "mask silences every filter");
    }

    @Test
    void zooModelMissingFromDl4jsCacheIsAStudyErrorSayingWhereToPlaceIt() throws IOException {
        Path dl4j = Files.createDirectories(tmp.resolve("dl4j"));
        Path study = study("zoo.study", "data mnist;\nmodel zoo vgg16 imagenet;\nevaluate;\n");
        try (Dl4jResourcesRoot root = Dl4jResourcesRoot.at(dl4j)) {
            for (String command : new String[] {"check", "layers"}) {
                CliRunner.Result r = CliRunner.run(command, study.toString());
                assertEquals(ExitCodes.INVALID_STUDY, r.exit(), r.err());
                assertTrue(r.err().contains("zoo.study:2:7: error: the pretrained zoo model vgg16 is not in DL4J's "
                        + "cache: place vgg16_dl4j_inference.zip (from https://"), r.err());
                assertTrue(r.err().contains(" at " + dl4j.resolve("models/vgg16/vgg16_dl4j_inference.zip")), r.err());
            }
        }
    }

    @Test
    void layerBeyondTheFileIsAStudyError() throws IOException {
        Path study = denseStudy("ablate layer 5 units each;");
        CliRunner.Result r = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.INVALID_STUDY, r.exit(), r.out());
        assertTrue(r.err().contains("layer 5 does not exist: the model has layers 0..2"), r.err());
    }

    @Test
    void layersListsTheFileModel() throws IOException {
        Path study = denseStudy("evaluate;");
        CliRunner.Result r = CliRunner.run("layers", study.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.out().startsWith("file \"" + tmp.resolve("net.zip") + "\": MultiLayerNetwork\n"), r.out());
        assertTrue(r.out().contains("layer1"), r.out());
    }

    @Test
    void convFileAcceptsFilterAblationAndWarnsAboutTheBatchNorm() throws IOException {
        Files.createDirectories(tmp.resolve("nets"));
        SavedModels.saveConvNet(tmp.resolve("nets/conv.zip"));
        // a path relative to the study's folder
        Path study = study("conv.study", "data mnist;\nmodel file \"nets/conv.zip\";\nablate layers conv units each;\n");
        CliRunner.Result r = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.OK, r.exit(), r.err());
        assertTrue(r.err().contains("batch normalisation"), r.err());
    }

    @Test
    void unreadableModelFileIsAStudyErrorAtTheModel() throws IOException {
        Files.writeString(tmp.resolve("broken.zip"), "this is no zip");
        Path study = study("broken.study", "data mnist;\nmodel file \"broken.zip\";\nevaluate;\n");
        CliRunner.Result r = CliRunner.run("check", study.toString());
        assertEquals(ExitCodes.INVALID_STUDY, r.exit(), r.out());
        assertTrue(r.err().contains("broken.study:2:7: error: cannot read the model file 'broken.zip': it is not a zip "
                + "archive, or a truncated one"), r.err());
    }
}
