package lesion.analysis;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * {@code importance layer L by mannwhitney}: how much training changed each unit's incoming weights, and whether
 * that predicts what removing the unit costs (Meyes et al. 2019, §4.1).
 *
 * <p>Per unit, commons-math3's {@link MannWhitneyUTest} compares its incoming weights before training (the initial
 * network) with those after (the trained network), as two independent samples of n₁ = n₂ = n values:
 * <ul>
 * <li>{@code U} is {@link MannWhitneyUTest#mannWhitneyU}: the larger of U₁ = R₁ − n₁(n₁+1)/2 (R₁ the sum of the
 *     initial weights' ranks in both samples together, ties at their average rank) and U₂ = n₁n₂ − U₁;</li>
 * <li>the p-value is {@link MannWhitneyUTest#mannWhitneyUTest}: two-sided, from the normal approximation
 *     z = (min(U₁, U₂) − n₁n₂/2) / √(n₁n₂(n₁+n₂+1)/12), p = 2Φ(z), with neither a tie correction of the variance nor
 *     a continuity correction. Identical weights give p = 1.</li>
 * </ul>
 * Then Pearson's and Spearman's correlation ({@link Correlation}) between log10(p) and the unit's top-1 drop in its
 * single-unit ablation. The paper's finding is a negative correlation: the smaller p (the more training moved the
 * weights), the larger the drop.
 *
 * <p><b>p-values that underflow.</b> Φ(z) is exactly 0 in double precision for z below about −38 (commons-math3
 * returns 0 outright below −40), which many weights that all moved far can give. log10(0) is −∞, which no
 * correlation can use, so such a p is clamped to {@link Double#MIN_VALUE} (log10 ≈ −323.3) and the unit is flagged
 * {@code clamped}: its true p is smaller still. Spearman's ρ sees only ranks, so clamped units merely tie at the
 * bottom; Pearson's r is pulled by them, which is why the files say how many there were.
 */
public final class Importance {
    private Importance() {
    }

    /**
     * The analysis of one network's layer: {@code initial[u]} and {@code trained[u]} are unit u's incoming weights
     * before and after training; {@code singles} are the single-unit ablations of the layer, one per unit, in any
     * order.
     */
    public static ImportanceResult of(int layer, String layerName, float[][] initial, float[][] trained,
            List<UnitDrop> singles) {
        if (initial.length != trained.length) {
            throw new IllegalArgumentException("the initial network has " + initial.length
                    + " units in layer " + layer + ", the trained one " + trained.length);
        }
        double[] drops = SingleDrops.byUnit(singles, trained.length, layer);
        MannWhitneyUTest test = new MannWhitneyUTest();
        List<ImportanceResult.Unit> units = new ArrayList<>(trained.length);
        double[] logP = new double[trained.length];
        for (int u = 0; u < trained.length; u++) {
            double[] before = toDouble(initial[u]);
            double[] after = toDouble(trained[u]);
            if (before.length == 0 || before.length != after.length) {
                throw new IllegalArgumentException("unit " + u + " of layer " + layer + " has " + before.length
                        + " initial and " + after.length + " trained weights");
            }
            double p = test.mannWhitneyUTest(before, after);
            boolean clamped = p == 0;
            double reported = clamped ? Double.MIN_VALUE : p;
            logP[u] = Math.log10(reported);
            units.add(new ImportanceResult.Unit(u, test.mannWhitneyU(before, after), reported, logP[u], clamped,
                    drops[u]));
        }
        return new ImportanceResult(layer, layerName, units, Correlation.pearson(logP, drops),
                Correlation.spearman(logP, drops), initial, trained);
    }

    private static double[] toDouble(float[] w) {
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = w[i];
        }
        return d;
    }
}
