package lesion.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

/** The Mann-Whitney U and p-value of each unit worked out by hand, and what the correlations are fed. */
class ImportanceTest {
    private static UnitDrop single(int unit, double drop) {
        return new UnitDrop(new int[] {unit}, drop, new double[] {drop}, new int[0]);
    }

    /** Two-sided p of the normal approximation for the smaller U of samples of 3 and 3. */
    private static double pOf(double uMin) {
        double z = (uMin - 4.5) / Math.sqrt(3 * 3 * 7 / 12.0);
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    @Test
    void uIsTheLargerRankSumStatisticAndPTheNormalApproximation() {
        float[][] initial = {{1, 2, 3}, {1, 2, 2}, {5, 6, 7}, {1, 2, 3}};
        float[][] trained = {{4, 5, 6}, {2, 3, 4}, {5, 6, 7}, {3, 1, 2}};
        List<UnitDrop> singles = List.of(single(2, 0.0), single(0, 0.3), single(3, 0.01), single(1, 0.2));
        ImportanceResult r = Importance.of(0, "hidden1", initial, trained, singles);
        assertEquals(4, r.units().size());
        // unit 0: the initial weights rank 1, 2, 3: R1 = 6, U1 = 6 - 6 = 0, U2 = 9
        ImportanceResult.Unit u0 = r.units().get(0);
        assertEquals(9, u0.u());
        assertEquals(pOf(0), u0.pValue(), 1e-12);
        assertEquals(0.0495, u0.pValue(), 1e-4);
        assertEquals(Math.log10(pOf(0)), u0.log10P(), 1e-12);
        assertEquals(0.3, u0.top1Drop());
        // unit 1: 1 | 2 2 2 (ranks 2, 3, 4: average 3) | 3 4; R1 = 1 + 3 + 3 = 7, U1 = 1, U2 = 8
        assertEquals(8, r.units().get(1).u());
        assertEquals(pOf(1), r.units().get(1).pValue(), 1e-12);
        // unit 2 did not change, unit 3 only moved its weights around: both p = 1
        assertEquals(1.0, r.units().get(2).pValue(), 1e-12);
        assertEquals(1.0, r.units().get(3).pValue(), 1e-12);
        assertEquals(0, r.clamped());
        double[] logP = r.units().stream().mapToDouble(ImportanceResult.Unit::log10P).toArray();
        double[] drops = {0.3, 0.2, 0.0, 0.01};
        assertEquals(Correlation.pearson(logP, drops), r.pearson());
        assertEquals(Correlation.spearman(logP, drops), r.spearman());
        assertTrue(r.pearson().coefficient() < 0, "the more the weights changed, the larger the drop");
    }

    @Test
    void aPValueThatUnderflowsIsClampedToTheSmallestDoubleAndFlagged() {
        int n = 1500;
        float[] before = new float[n];
        float[] after = new float[n];
        for (int i = 0; i < n; i++) {
            before[i] = i / (float) n;
            after[i] = 10 + i / (float) n;
        }
        float[] same = {0.5f, 0.25f, 0.75f};
        List<UnitDrop> singles = new ArrayList<>(List.of(single(0, 0.4), single(1, 0.0), single(2, 0.1)));
        // z = (0 - n²/2) / sqrt(n²(2n + 1)/12), about -47: far past where the normal tail is 0 in doubles
        ImportanceResult r = Importance.of(1, "hidden2", new float[][] {before, pad(same, n), pad(same, n)},
                new float[][] {after, pad(same, n), pad(new float[] {0.4f, 0.6f, 0.9f}, n)}, singles);
        ImportanceResult.Unit clamped = r.units().get(0);
        assertTrue(clamped.clamped());
        assertEquals(Double.MIN_VALUE, clamped.pValue());
        assertEquals(Math.log10(Double.MIN_VALUE), clamped.log10P());
        assertEquals((double) n * n, clamped.u());
        assertFalse(r.units().get(1).clamped());
        assertEquals(1, r.clamped());
        assertFalse(Double.isNaN(r.pearson().coefficient()), "a finite log10 p keeps the correlation defined");
    }

    private static float[] pad(float[] values, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }
}
