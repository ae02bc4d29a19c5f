package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import lesion.ast.ModelSpec;
import lesion.ast.StrLit;
import lesion.check.LayerInfo;
import lesion.check.LayerTable;
import lesion.source.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model keras "x.h5"}: Sequential and functional Keras 2 models (written here in Keras's
 * HDF5 layout, see {@link KerasH5Files}) and files that are not Keras models.
 */
class ModelFileInspectorKerasTest {
    @TempDir
    Path tmp;

    private static ModelSpec.Keras spec(String written) {
        return new ModelSpec.Keras(new StrLit(written, Span.NONE), Span.NONE);
    }

    private static Optional<LayerTable> inspect(Path file, String written, StringBuilder problem) {
        return new ModelFileInspector().layers(spec(written), file, problem);
    }

    @Test
    void sequentialModelBecomesAMultiLayerNetworkTable() {
        Path file = tmp.resolve("seq.h5");
        KerasH5Files.sequential(file, 784, KerasH5Files.mnistDense());
        StringBuilder problem = new StringBuilder();
        LayerTable table = inspect(file, "nets/seq.h5", problem).orElseThrow(() -> new AssertionError(problem));
        assertEquals("keras \"nets/seq.h5\": MultiLayerNetwork (Keras Sequential)", table.modelDescription());
        assertEquals(List.of("dense_1", "dense_2", "dense_3"), table.names());
        assertEquals(List.of("dense", "dense", "output"), table.layers().stream().map(LayerInfo::type).toList());
        assertEquals(List.of(8, 6, 10), table.layers().stream().map(LayerInfo::units).toList());
        assertEquals(List.of(784L * 8 + 8, 8L * 6 + 6, 6L * 10 + 10),
                table.layers().stream().map(LayerInfo::params).toList());
        assertArrayEquals(new int[] {6}, table.get(1).outputShape());
    }

    @Test
    void functionalModelBecomesAComputationGraphTableWithoutItsInput() {
        Path file = tmp.resolve("fun.h5");
        KerasH5Files.functional(file, 784, KerasH5Files.mnistDense());
        StringBuilder problem = new StringBuilder();
        LayerTable table = inspect(file, "fun.h5", problem).orElseThrow(() -> new AssertionError(problem));
        assertEquals("keras \"fun.h5\": ComputationGraph (Keras Model)", table.modelDescription());
        assertEquals(List.of("dense_1", "dense_2", "dense_3"), table.names());
        assertEquals(List.of(8, 6, 10), table.layers().stream().map(LayerInfo::units).toList());
        assertEquals(784L * 8 + 8 + 8 * 6 + 6 + 6 * 10 + 10, table.totalParams());
        assertEquals("output", table.get(2).type());
    }

    @Test
    void unsupportedLayerIsReportedWithTheFileName() throws IOException {
        Path file = tmp.resolve("odd.h5");
        KerasH5Files.sequential(file, 784, List.of(new KerasH5Files.Dense("dense_1", 8, "no_such_activation")));
        StringBuilder problem = new StringBuilder();
        assertFalse(inspect(file, "odd.h5", problem).isPresent());
        assertTrue(problem.toString().startsWith("cannot read the keras model 'odd.h5': DL4J could not import the "
                + "Keras Sequential model in it: "), problem.toString());
        assertTrue(problem.toString().contains("no_such_activation"), problem.toString());
    }

    @Test
    void unknownLayerTypeIsReportedWithTheFileName() {
        Path file = tmp.resolve("mystery.h5");
        KerasH5Files.sequential(file, 784, List.of(new KerasH5Files.Dense("m_1", 8, "relu", "MysteryLayer")));
        StringBuilder problem = new StringBuilder();
        assertFalse(inspect(file, "nets/mystery.h5", problem).isPresent());
        assertTrue(problem.toString().startsWith("cannot read the keras model 'nets/mystery.h5': DL4J could not "
                + "import the Keras Sequential model in it: "), problem.toString());
        assertTrue(problem.toString().contains("MysteryLayer"), problem.toString());
    }

    @Test
    void weightsWithoutAModelAreReported() {
        Path file = tmp.resolve("weights.h5");
        KerasH5Files.weightsOnly(file, 784, KerasH5Files.mnistDense());
        StringBuilder problem = new StringBuilder();
        assertFalse(inspect(file, "weights.h5", problem).isPresent());
        assertEquals("cannot read the keras model 'weights.h5': the file has no model_config: it holds weights only "
                + "(saved with save_weights?); save the whole model with model.save(\"x.h5\")", problem.toString());
    }

    @Test
    void truncatedHdf5IsReported() throws IOException {
        Path whole = tmp.resolve("whole.h5");
        KerasH5Files.sequential(whole, 784, KerasH5Files.mnistDense());
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.h5"), Arrays.copyOf(bytes, 600));
        StringBuilder problem = new StringBuilder();
        assertFalse(inspect(cut, "cut.h5", problem).isPresent());
        assertTrue(problem.toString().startsWith("cannot read the keras model 'cut.h5': the HDF5 file is damaged or "
                + "truncated"), problem.toString());
    }

    @Test
    void fileThatIsNotHdf5IsReported() throws IOException {
        Path file = Files.writeString(tmp.resolve("model.h5"), "not an hdf5 file at all");
        StringBuilder problem = new StringBuilder();
        assertFalse(inspect(file, "nets/model.h5", problem).isPresent());
        assertEquals("cannot read the keras model 'nets/model.h5': it is not an HDF5 file; lesion reads Keras models "
                + "saved as HDF5, with model.save(\"x.h5\")", problem.toString());
    }
}
