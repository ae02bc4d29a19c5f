package lesion.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ablate step's drops summarised per layer and proportion: over the variants of one layer at one percentage
 * (the references of {@code groups P% by similarity}, the repeats of {@code P% random}, the single units of
 * {@code each}), the mean and sample standard deviation (n − 1; NaN for one variant) of the top-1 and top-5 drops
 * and the mean drop per class, and how many variants silenced their units. This is the table behind the paper's
 * Figures 14-17 (drop across depth per proportion). Groups appear in the order of their first variant.
 *
 * @param units units per variant (the most common count in the group; groups of one percentage have one count)
 * @param silenced variants whose units were silenced, or -1 when no variant measured it
 */
public record LayerSummary(int layer, String layerName, double percent, int units, int variants, double top1DropMean,
        double top1DropStd, double top5DropMean, double top5DropStd, double[] perClassDropMean, int silenced) {

    /** One summary per (layer, percent) of the rows, NaN percent forming its own group. */
    public static List<LayerSummary> of(List<VariantRow> rows) {
        Map<List<Object>, List<VariantRow>> groups = new LinkedHashMap<>();
        for (VariantRow v : rows) {
            // Double.valueOf(NaN).equals(NaN) holds, so rows without a percentage group together
            groups.computeIfAbsent(List.of(v.layer(), v.percent()), k -> new ArrayList<>()).add(v);
        }
        List<LayerSummary> out = new ArrayList<>();
        for (List<VariantRow> group : groups.values()) {
            out.add(summarise(group));
        }
        return out;
    }

    private static LayerSummary summarise(List<VariantRow> group) {
        VariantRow first = group.get(0);
        int n = group.size();
        double[] top1 = new double[n];
        double[] top5 = new double[n];
        int classes = first.perClassTop1Drop().length;
        double[] perClass = new double[classes];
        int silenced = 0;
        boolean measured = false;
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            VariantRow v = group.get(i);
            top1[i] = v.top1Drop();
            top5[i] = v.top5Drop();
            for (int c = 0; c < classes; c++) {
                perClass[c] += v.perClassTop1Drop()[c] / n;
            }
            if (v.silenced() != null) {
                measured = true;
                silenced += v.silenced() ? 1 : 0;
            }
            counts.merge(v.units().length, 1, Integer::sum);
        }
        int units = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new LayerSummary(first.layer(), Objects.requireNonNullElse(first.layerName(), ""), first.percent(),
                units, n, mean(top1), std(top1), mean(top5), std(top5), perClass, measured ? silenced : -1);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (n − 1 in the denominator); NaN for fewer than two values. */
    static double std(double[] values) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double m = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - m) * (v - m);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
