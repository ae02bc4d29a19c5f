package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import lesion.ast.ModelSpec;
import lesion.ast.StrLit;
import lesion.check.LayerTable;
import lesion.source.Span;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared checks of the model-file tests: the tiny IDX data, predictions, and the inspector's table. */
final class FileModels {
    private FileModels() {
    }

    /** The repository's tiny IDX fixture: 28×28 grey images, 10 classes. */
    static Dataset tinyIdx() {
        return IdxDataset.load(Path.of(System.getProperty("lesion.root", ".")).resolve("tests/fixtures/tiny-idx"));
    }

    /** Each row's class with the largest value, ties to the lower index (as {@link Scorer} ranks). */
    static int[] argmax(INDArray outputs) {
        float[][] rows = outputs.toFloatMatrix();
        int[] out = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 1; c < rows[r].length; c++) {
                if (rows[r][c] > rows[r][out[r]]) {
                    out[r] = c;
                }
            }
        }
        return out;
    }

    /** Asserts that two output matrices agree to {@code tolerance} in every entry. */
    static void assertClose(INDArray expected, INDArray actual, double tolerance) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()));
        double diff = expected.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .sub(actual.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance, "outputs differ by up to " + diff);
    }

    /** The inspector's table for {@code spec}, which must be readable. */
    static LayerTable inspect(ModelFileInspector inspector, ModelSpec spec, Path file) {
        StringBuilder problem = new StringBuilder();
        Optional<LayerTable> table = inspector.layers(spec, file, problem);
        assertTrue(table.isPresent(), problem.toString());
        return table.get();
    }

    static ModelSpec.File fileSpec(String written) {
        return new ModelSpec.File(new StrLit(written, Span.NONE), Span.NONE);
    }

    static ModelSpec.Keras kerasSpec(String written) {
        return new ModelSpec.Keras(new StrLit(written, Span.NONE), Span.NONE);
    }

    /** Check and plan number layers as the run does: the same layers, the same order, the same names. */
    static void assertSameLayers(LayerTable checked, Network run) {
        assertEquals(checked.layers(), run.layers().layers(), "check's layers and the run's layers");
        assertEquals(null, checked.cannotRun());
    }
}
