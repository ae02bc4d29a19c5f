package lesion.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-layer and proportion summary (Figures 14-17's table), checked against hand-computed values. */
class LayerSummaryTest {

    /** A row of layer {@code layer} at {@code percent} with the given drops (fractions) and two classes. */
    private static VariantRow row(int layer, double percent, int units, double top1Drop, double top5Drop,
            double class0Drop, Boolean silenced) {
        return new VariantRow("1", layer, "features." + layer, new int[units], 0.5, 0.9, top1Drop, top5Drop,
                new double[] {0.5, 0.5}, new double[] {class0Drop, 0.0}, new int[0], new int[0], new int[2],
                new int[2], "reference 0", percent, "zero", silenced);
    }

    @Test
    void meanAndSampleStandardDeviationPerLayerAndPercent() {
        List<LayerSummary> s = LayerSummary.of(List.of(
                row(3, 10, 2, 0.01, 0.00, 0.02, true),
                row(3, 25, 4, 0.10, 0.05, 0.20, false),
                row(3, 10, 2, 0.03, 0.02, 0.04, false),
                row(7, 10, 3, 0.02, 0.01, 0.00, null),
                row(3, 10, 2, 0.05, 0.01, 0.06, true)));
        assertEquals(3, s.size(), "layer 3 at 10% and 25%, layer 7 at 10%, in order of first appearance");
        LayerSummary l3 = s.get(0);
        assertEquals(3, l3.layer());
        assertEquals(10, l3.percent());
        assertEquals(2, l3.units());
        assertEquals(3, l3.variants());
        assertEquals(0.03, l3.top1DropMean(), 1e-12);
        // drops 0.01, 0.03, 0.05: squared deviations 0.0004 + 0 + 0.0004 over n - 1 = 2
        assertEquals(0.02, l3.top1DropStd(), 1e-12);
        assertEquals(0.01, l3.top5DropMean(), 1e-12);
        assertEquals(0.01, l3.top5DropStd(), 1e-12);
        assertArrayEquals(new double[] {0.04, 0.0}, l3.perClassDropMean(), 1e-12);
        assertEquals(2, l3.silenced());
        assertTrue(Double.isNaN(s.get(1).top1DropStd()), "one variant has no standard deviation");
        assertEquals(-1, s.get(2).silenced(), "not measured");
    }

    @Test
    void theCsvHasOneRowPerLayerAndPercent() {
        StepResult step = new StepResult("1", "ablate", "ablate layers conv groups 10% by similarity;", 0, null,
                List.of(row(3, 10, 2, 0.01, 0.0, 0.0, true), row(3, 10, 2, 0.03, 0.0, 0.0, false)), 1.0);
        List<List<String>> rows = Fixtures.parseCsv(new ResultWriter().layersCsv(List.of(step)));
        assertEquals(List.of("step", "instance", "layer", "layer_name", "percent", "units", "variants",
                "top1_drop_mean_pp", "top1_drop_std_pp", "top5_drop_mean_pp", "top5_drop_std_pp", "silenced",
                "class_0_drop_mean_pp", "class_1_drop_mean_pp"), rows.get(0));
        assertEquals(List.of("1", "0", "3", "features.3", "10", "2", "2", "2.0000", "1.4142", "0.0000", "0.0000", "1",
                "0.0000", "0.0000"), rows.get(1));
    }
}
