package lesion.select;

import java.util.List;
import lesion.plan.SelectionPlan;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * {@code by mannwhitney}: units ranked by how little training changed their incoming weights.
 * Per unit, the two-sided p-value of the Mann-Whitney U test between its weights before training
 * ({@code initial}) and after ({@code trained}), as commons-math3's
 * {@link MannWhitneyUTest#mannWhitneyUTest(double[], double[])} computes it: tied values get
 * their average rank, and the p-value comes from the normal approximation of U with neither a tie
 * correction of the variance nor a continuity correction. Identical weights give p = 1. The unit
 * with the highest p-value (the weights that changed least) is removed first.
 */
public final class MannWhitneyRanking {
    private MannWhitneyRanking() {
    }

    /** The p-value of each unit: row u of {@code initial} against row u of {@code trained}. */
    public static double[] pValues(float[][] initial, float[][] trained) {
        if (initial.length != trained.length) {
            throw new IllegalArgumentException("initial weights have " + initial.length + " units, trained weights "
                    + trained.length);
        }
        Ranking.requireFinite(initial, "initial weight");
        Ranking.requireFinite(trained, "trained weight");
        MannWhitneyUTest test = new MannWhitneyUTest();
        double[] p = new double[initial.length];
        for (int u = 0; u < p.length; u++) {
            if (initial[u].length == 0 || initial[u].length != trained[u].length) {
                throw new IllegalArgumentException("unit " + u + " has " + initial[u].length + " initial and "
                        + trained[u].length + " trained weights");
            }
            p[u] = test.mannWhitneyUTest(toDouble(initial[u]), toDouble(trained[u]));
        }
        return p;
    }

    /** Units by descending p-value, ties to the lower index. */
    public static int[] order(float[][] initial, float[][] trained) {
        return Ranking.descending(pValues(initial, trained));
    }

    /** One variant per proportion: the {@code count} units with the highest p-value. */
    public static List<Chosen> choose(SelectionPlan.Ranked selection, float[][] initial, float[][] trained) {
        return Ranking.lowest(selection, order(initial, trained));
    }

    private static double[] toDouble(float[] w) {
        double[] d = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            d[i] = w[i];
        }
        return d;
    }
}
