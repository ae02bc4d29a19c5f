package lesion.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-class deviation over units on hand-made drops, and its spread over networks. */
class SelectivityTest {
    @Test
    void perClassSampleDeviationOverUnits() {
        List<UnitDrop> singles = List.of(
                new UnitDrop(new int[] {2}, 0.3, new double[] {0.6, 0.0, Double.NaN}, new int[0]),
                new UnitDrop(new int[] {0}, 0.1, new double[] {0.1, 0.0, Double.NaN}, new int[0]),
                new UnitDrop(new int[] {1}, 0.1, new double[] {0.2, 0.0, Double.NaN}, new int[0]));
        SelectivityResult r = Selectivity.of(0, "hidden1", 3, singles);
        // class 0: drops 0.1, 0.2, 0.6, mean 0.3, squares 0.04 + 0.01 + 0.09 over 3 - 1
        assertEquals(Math.sqrt(0.07), r.perClassStd()[0], 1e-15);
        assertEquals(0.3, r.perClassMean()[0], 1e-15);
        assertEquals(0.0, r.perClassStd()[1]);
        assertTrue(Double.isNaN(r.perClassStd()[2]));
        assertEquals(3, r.units());
    }

    @Test
    void spreadOverNetworksLeavesUndefinedValuesOut() {
        Spread s = Spread.of(new double[] {0.2, Double.NaN, 0.4, 0.9});
        assertEquals(3, s.networks());
        assertEquals(0.5, s.mean(), 1e-15);
        // squares 0.09 + 0.01 + 0.16 over 2
        assertEquals(Math.sqrt(0.13), s.std(), 1e-15);
        assertArrayEquals(new double[] {0.2, 0.9}, new double[] {s.min(), s.max()});
        assertEquals(0, Spread.of(new double[] {Double.NaN}).networks());
        assertTrue(Double.isNaN(Spread.of(new double[] {1}).std()));
    }
}
