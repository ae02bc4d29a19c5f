package lesion.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lesion.plan.SelectionPlan;

/** Orders units by a score and turns an order into the variants of a ranked selection. */
public final class Ranking {
    private Ranking() {
    }

    /** Unit indices by ascending score, ties to the lower index. Scores must not be NaN. */
    public static int[] ascending(double[] scores) {
        return order(scores, 1);
    }

    /** Unit indices by descending score, ties to the lower index. Scores must not be NaN. */
    public static int[] descending(double[] scores) {
        return order(scores, -1);
    }

    private static int[] order(double[] scores, int sign) {
        Integer[] idx = new Integer[scores.length];
        for (int i = 0; i < idx.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("unit " + i + " has no score (NaN)");
            }
            idx[i] = i;
        }
        // < and > rather than Double.compare, so that -0.0 and 0.0 tie and fall to the index
        Arrays.sort(idx, (a, b) -> {
            double x = scores[a];
            double y = scores[b];
            int c = x < y ? -1 : x > y ? 1 : 0;
            return c != 0 ? sign * c : Integer.compare(a, b);
        });
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }

    /**
     * One variant per proportion, in the order written: the first {@code count} units of
     * {@code order}, ascending, labelled {@code "by <criterion>"}.
     */
    public static List<Chosen> lowest(SelectionPlan.Ranked selection, int[] order) {
        List<Chosen> out = new ArrayList<>();
        int[] counts = selection.counts();
        for (int p = 0; p < counts.length; p++) {
            if (counts[p] > order.length) {
                throw new IllegalArgumentException("cannot choose " + counts[p] + " of " + order.length + " units");
            }
            int[] units = Arrays.copyOf(order, counts[p]);
            Arrays.sort(units);
            out.add(new Chosen(units, "by " + selection.criterion(), p, selection.percents().get(p), -1, 0));
        }
        return out;
    }

    /** Rejects NaN and infinite weights, naming the unit: they have no norm, rank or direction. */
    static void requireFinite(float[][] weights, String which) {
        for (int u = 0; u < weights.length; u++) {
            for (int k = 0; k < weights[u].length; k++) {
                if (!Float.isFinite(weights[u][k])) {
                    throw new IllegalArgumentException(which + " " + k + " of unit " + u + " is " + weights[u][k]);
                }
            }
        }
    }
}
