package lesion.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code redundancy layer L}: whether two units together cost more or less than each alone (Meyes et al. 2019,
 * §4.2). For each pair ablation, its top-1 drop against the sum of its two units' single drops, overall and per
 * class (the excess, pair − sum, is positive when the pair costs more than both alone: the units covered for each
 * other; negative when they overlap), and the test images lost only together: right in the baseline, still right
 * with either unit removed alone, wrong with both removed. A class without test images has NaN figures.
 */
public final class Redundancy {
    private Redundancy() {
    }

    /**
     * The analysis of one network's layer of {@code units} units: {@code singles} one per unit, {@code pairs} the
     * pair ablations, in the order they are given.
     */
    public static RedundancyResult of(int layer, String layerName, int units, List<UnitDrop> singles,
            List<UnitDrop> pairs) {
        UnitDrop[] single = SingleDrops.index(singles, units, layer);
        List<RedundancyResult.Pair> out = new ArrayList<>(pairs.size());
        for (UnitDrop pair : pairs) {
            int[] u = pair.units();
            if (u.length != 2 || u[0] == u[1] || Math.min(u[0], u[1]) < 0 || Math.max(u[0], u[1]) >= units) {
                throw new IllegalArgumentException("a pair of layer " + layer + " must be two of its " + units
                        + " units, not " + Arrays.toString(u));
            }
            UnitDrop a = single[u[0]];
            UnitDrop b = single[u[1]];
            double[] sum = new double[pair.perClassDrop().length];
            for (int c = 0; c < sum.length; c++) {
                sum[c] = at(a.perClassDrop(), c) + at(b.perClassDrop(), c);
            }
            out.add(new RedundancyResult.Pair(u[0], u[1], pair.top1Drop(), a.top1Drop() + b.top1Drop(),
                    pair.perClassDrop().clone(), sum, lostTogether(pair.newlyWrong(), a.newlyWrong(),
                            b.newlyWrong())));
        }
        return new RedundancyResult(layer, layerName, out);
    }

    /** The ascending indices in {@code pair} that are in neither {@code a} nor {@code b} (all three ascending). */
    static int[] lostTogether(int[] pair, int[] a, int[] b) {
        int[] out = new int[pair.length];
        int n = 0;
        int i = 0;
        int j = 0;
        for (int s : pair) {
            while (i < a.length && a[i] < s) {
                i++;
            }
            while (j < b.length && b[j] < s) {
                j++;
            }
            if ((i == a.length || a[i] != s) && (j == b.length || b[j] != s)) {
                out[n++] = s;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static double at(double[] values, int c) {
        return c < values.length ? values[c] : Double.NaN;
    }
}
