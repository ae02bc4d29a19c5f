package lesion.select;

import java.util.List;
import lesion.plan.SelectionPlan;

/**
 * {@code by magnitude}: units ranked by the L1 norm of their incoming weights, smallest first.
 * A unit's weights are its row of {@code weights}: a dense unit's incoming weights, or a filter's
 * kernel over all input channels, flattened; the bias is not part of it.
 */
public final class MagnitudeRanking {
    private MagnitudeRanking() {
    }

    /** The L1 norm of each unit's weights, summed in double precision in index order. */
    public static double[] l1Norms(float[][] weights) {
        Ranking.requireFinite(weights, "weight");
        double[] norms = new double[weights.length];
        for (int u = 0; u < weights.length; u++) {
            double sum = 0;
            for (float w : weights[u]) {
                sum += Math.abs(w);
            }
            norms[u] = sum;
        }
        return norms;
    }

    /** Units by ascending L1 norm, ties to the lower index. */
    public static int[] order(float[][] weights) {
        return Ranking.ascending(l1Norms(weights));
    }

    /** One variant per proportion: the {@code count} units with the smallest L1 norm. */
    public static List<Chosen> choose(SelectionPlan.Ranked selection, float[][] weights) {
        return Ranking.lowest(selection, order(weights));
    }
}
