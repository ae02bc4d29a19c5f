package lesion.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import lesion.parse.Parser;
import lesion.source.Diagnostic;
import lesion.source.SourceFile;
import org.junit.jupiter.api.Test;

/**
 * A model read from a file or the zoo must have as many outputs as the data has classes; check says so at the
 * model statement, and keeps the layer table for 'lesion layers'.
 */
class ModelOutputsTest {
    /** An inspector that lays out any file or zoo model as one dense layer and an output layer of {@code outputs}. */
    private static ModelInspector withOutputs(int outputs, String cannotRun) {
        return (spec, path, problem) -> Optional.of(new LayerTable("stub", List.of(
                new LayerInfo(0, "fc1", "dense", new int[] {4}, 20, 4, false),
                new LayerInfo(1, "predictions", "output", new int[] {outputs}, 5L * outputs, outputs, false)),
                cannotRun));
    }

    private static Checker.Result check(ModelInspector inspector, String model) {
        String text = "data mnist;\n" + model + "\nevaluate;\n";
        return new Checker(inspector, Path.of(".")).check(Parser.parse(new SourceFile("t.study", text)).study());
    }

    @Test
    void zooModelWithImageNetsThousandClassesIsAnErrorOnMnist() {
        Checker.Result r = check(withOutputs(1000, null), "model zoo vgg16 imagenet;");
        List<Diagnostic> errors = r.diagnostics().sorted();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("the model has 1000 outputs but mnist has 10 classes", errors.get(0).message());
        assertEquals(2, errors.get(0).span().line());
        assertTrue(errors.get(0).hint().contains("1,000 classes"), errors.get(0).hint());
        assertNotNull(r.setup().layers(), "the layers are still known");
    }

    @Test
    void modelWithTheDatasClassesIsAccepted() {
        assertTrue(check(withOutputs(10, null), "model zoo vgg19 imagenet;").ok());
    }

    @Test
    void modelThatCannotRunIsNotJudgedByItsLastLayer() {
        // a graph with branches lists its layers in topological order: the last one need not be the output
        assertTrue(check(withOutputs(7, "this version runs only linear graphs"), "model zoo resnet50 imagenet;").ok());
    }
}
