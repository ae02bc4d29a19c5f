package lesion.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One ablation variant measured against its baseline: which units of which layer were removed,
 * the variant's top-1 and top-5 accuracy, their drops (baseline − variant, so a positive drop is
 * a loss), the same per class, and the test images whose top-1 answer changed.
 *
 * <p>Accuracies and drops are fractions here; files print drops in percentage points (see
 * {@link ResultWriter}). A per-class figure is NaN for a class with no test images. The arrays
 * are owned by the row: callers must not change them.
 *
 * @param newlyWrongSamples test images right (top-1) in the baseline and wrong in the variant, ascending
 * @param newlyRightSamples test images wrong (top-1) in the baseline and right in the variant, ascending
 * @param perClassNewlyWrong per class (by true label), how many of {@code newlyWrongSamples} it holds: with the
 *     baseline's per-class right counts this gives the paper's per-class fates without the test labels
 * @param perClassNewlyRight per class, how many of {@code newlyRightSamples} it holds
 * @param method how the units were removed ({@code zero}, {@code mask}, {@code mean}, {@code noise 0.1}), or ""
 * @param silenced whether the removed units' outputs (after their batch norm and activation) were exactly 0 for
 *     every test image; null when not measured
 */
public record VariantRow(String stepId, int layer, String layerName, int[] units, double top1, double top5,
        double top1Drop, double top5Drop, double[] perClassTop1, double[] perClassTop1Drop, int[] newlyWrongSamples,
        int[] newlyRightSamples, int[] perClassNewlyWrong, int[] perClassNewlyRight, String selection, double percent,
        String method, Boolean silenced) {

    /**
     * Compares a variant's scores with the baseline's in one pass over the samples. Called for
     * every variant of a sweep, so it reads the score arrays directly and allocates only the
     * result.
     */
    public static VariantRow of(String stepId, int layer, String layerName, int[] units, Scores baseline,
            Scores variant) {
        int n = baseline.size();
        int classes = baseline.numClasses();
        int[] labels = baseline.labels();
        if (variant.size() != n || variant.numClasses() != classes
                || (variant.labels() != labels && !Arrays.equals(variant.labels(), labels))) {
            throw new IllegalArgumentException("variant and baseline were scored on different test sets");
        }
        int[] basePredicted = baseline.predicted();
        int[] variantPredicted = variant.predicted();
        int[] total = new int[classes];
        int[] baseRight = new int[classes];
        int[] variantRight = new int[classes];
        int[] classWrong = new int[classes];
        int[] classRight = new int[classes];
        IntList wrong = new IntList();
        IntList right = new IntList();
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            boolean was = basePredicted[i] == label;
            boolean is = variantPredicted[i] == label;
            total[label]++;
            if (was) {
                baseRight[label]++;
            }
            if (is) {
                variantRight[label]++;
            }
            if (was && !is) {
                wrong.add(i);
                classWrong[label]++;
            } else if (is && !was) {
                right.add(i);
                classRight[label]++;
            }
        }
        int baseTop1 = 0;
        int variantTop1 = 0;
        double[] perClass = new double[classes];
        double[] perClassDrop = new double[classes];
        for (int c = 0; c < classes; c++) {
            baseTop1 += baseRight[c];
            variantTop1 += variantRight[c];
            perClass[c] = total[c] == 0 ? Double.NaN : (double) variantRight[c] / total[c];
            // the difference of counts, divided once, so equal counts give exactly 0
            perClassDrop[c] = total[c] == 0 ? Double.NaN : (double) (baseRight[c] - variantRight[c]) / total[c];
        }
        int baseTop5 = baseline.top5Correct().cardinality();
        int variantTop5 = variant.top5Correct().cardinality();
        return new VariantRow(stepId, layer, layerName, units == null ? new int[0] : units.clone(),
                ratio(variantTop1, n), ratio(variantTop5, n), ratio(baseTop1 - variantTop1, n),
                ratio(baseTop5 - variantTop5, n), perClass, perClassDrop, wrong.toArray(), right.toArray(), classWrong,
                classRight, "", Double.NaN, "", null);
    }

    /**
     * The same row, saying how its units were chosen ({@code reference 7}, {@code repeat 2},
     * {@code by magnitude}) and for which proportion of the layer ({@code percent}, NaN if none),
     * so that drops can be summarised per layer and proportion.
     */
    public VariantRow withSelection(String selection, double percent) {
        return new VariantRow(stepId, layer, layerName, units, top1, top5, top1Drop, top5Drop, perClassTop1,
                perClassTop1Drop, newlyWrongSamples, newlyRightSamples, perClassNewlyWrong, perClassNewlyRight,
                selection, percent, method, silenced);
    }

    /** The same row, saying how its units were removed and whether that silenced them (null: not measured). */
    public VariantRow withMethod(String method, Boolean silenced) {
        return new VariantRow(stepId, layer, layerName, units, top1, top5, top1Drop, top5Drop, perClassTop1,
                perClassTop1Drop, newlyWrongSamples, newlyRightSamples, perClassNewlyWrong, perClassNewlyRight,
                selection, percent, method, silenced);
    }

    /** Images that were right (top-1) in the baseline and are wrong in this variant. */
    public int newlyWrong() {
        return newlyWrongSamples.length;
    }

    /** Images that were wrong (top-1) in the baseline and are right in this variant. */
    public int newlyRight() {
        return newlyRightSamples.length;
    }

    /** The units as the files print them, joined by {@code +} (e.g. {@code 3+7}): no CSV quoting needed. */
    public String unitsText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            out.append(i == 0 ? "" : "+").append(units[i]);
        }
        return out.toString();
    }

    private static double ratio(int count, int n) {
        return n == 0 ? 0 : (double) count / n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariantRow r && Objects.equals(r.stepId, stepId) && r.layer == layer
                && Objects.equals(r.layerName, layerName) && Arrays.equals(r.units, units)
                && Double.compare(r.top1, top1) == 0 && Double.compare(r.top5, top5) == 0
                && Double.compare(r.top1Drop, top1Drop) == 0 && Double.compare(r.top5Drop, top5Drop) == 0
                && Arrays.equals(r.perClassTop1, perClassTop1) && Arrays.equals(r.perClassTop1Drop, perClassTop1Drop)
                && Arrays.equals(r.newlyWrongSamples, newlyWrongSamples)
                && Arrays.equals(r.newlyRightSamples, newlyRightSamples)
                && Arrays.equals(r.perClassNewlyWrong, perClassNewlyWrong)
                && Arrays.equals(r.perClassNewlyRight, perClassNewlyRight) && Objects.equals(r.selection, selection)
                && Double.compare(r.percent, percent) == 0 && Objects.equals(r.method, method)
                && Objects.equals(r.silenced, silenced);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(stepId) * 31 * 31 + layer * 31 + Arrays.hashCode(units);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "VariantRow[step=%s, layer=%d, units=%s, top1=%.4f, drop=%.4f]",
                stepId, layer, unitsText(), top1, top1Drop);
    }

    /** A growable int array, so collecting sample indices boxes nothing. */
    private static final class IntList {
        private int[] items = new int[16];
        private int size;

        void add(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}
