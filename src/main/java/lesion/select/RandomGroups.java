package lesion.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lesion.plan.Format;
import lesion.plan.SelectionPlan;

/**
 * Seeded random groups ({@code units 25% random repeat 10}): for each proportion and repetition,
 * a uniformly random set of distinct units. Each set's seed names its layer, percent and
 * repetition (and pass), so it does not move when other proportions or repetitions are added.
 */
public final class RandomGroups {
    private RandomGroups() {
    }

    /**
     * The variants of {@code selection} on a layer of {@code units} units: proportions in order,
     * repetitions 1..repeat within each. Use {@code scope.inPass(p)} for pass p of a repeat block
     * (selection with replacement: each pass draws afresh, whatever earlier passes removed).
     */
    public static List<Chosen> choose(SelectionPlan.Random selection, int units, SeedScope scope) {
        List<Chosen> out = new ArrayList<>();
        int[] counts = selection.counts();
        for (int p = 0; p < counts.length; p++) {
            double percent = selection.percents().get(p);
            for (int k = 1; k <= selection.repeat(); k++) {
                out.add(new Chosen(group(scope, percent, k, counts[p], units), "repeat " + k, p, percent, -1, k));
            }
        }
        return out;
    }

    /**
     * Pass {@code pass} (from 1) of a repeat block: the same as {@code choose(selection, units,
     * scope.inPass(pass))}, a pure function of the pass, so a re-run draws the same groups.
     */
    public static List<Chosen> pass(SelectionPlan.Random selection, int units, SeedScope scope, int pass) {
        return choose(selection, units, scope.inPass(pass));
    }

    /** Repetition {@code repetition} (from 1) of a random group of {@code count} of {@code units} units. */
    public static int[] group(SeedScope scope, double percent, int repetition, int count, int units) {
        return subset(scope.seed(Format.percent(percent) + " / " + repetition), units, count);
    }

    /**
     * {@code count} distinct integers of {@code 0..n-1}, ascending, each set equally likely: the
     * first {@code count} steps of a Fisher-Yates shuffle of {@code 0..n-1} driven by a
     * {@link SplittableRandom} seeded with {@code seed} (step i swaps position i with a uniform
     * position in {@code i..n-1}, drawn by {@code nextInt(i, n)}), then sorted.
     */
    public static int[] subset(long seed, int n, int count) {
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("cannot choose " + count + " of " + n + " units");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] pool = new int[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = random.nextInt(i, n);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        int[] chosen = Arrays.copyOf(pool, count);
        Arrays.sort(chosen);
        return chosen;
    }
}
