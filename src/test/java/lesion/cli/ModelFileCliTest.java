package lesion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import lesion.engine.SavedModels;
import lesion.interpret.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model file "x.zip"} from the command line: check, plan and layers read the saved network's
 * layers; run refuses it (not implemented yet) before any work; bad layers and bad files are
 * study errors at the model statement.
 */
class ModelFileCliTest {
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

    @Test
    void runRefusesTheModelFileBeforeAnyWork() throws IOException {
        Path study = denseStudy("ablate layer 0 units each;");
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("run", study.toString(), "--out", out.toString(), "--cache",
                tmp.resolve("cache").toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, r.exit(), r.err());
        assertTrue(r.err().contains("'model file' is not implemented yet"), r.err());
        assertTrue(!Files.exists(out), "a refused run leaves no run directory");
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
