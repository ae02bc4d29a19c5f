package lesion.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A step's results aggregated over independently trained networks ({@code instances N}): for the same variant in
 * every network (the same layer and selection: {@code unit 3}, {@code reference 7} of 25%, random group 2 of 10%),
 * the mean, sample standard deviation and 95% confidence interval of its top-1 and top-5 drops; for an evaluation,
 * of the accuracies. The interval is Student's t: mean ± t(0.975, n − 1) · s / √n, NaN for one network. Variants
 * appear in the order of the first network's rows.
 *
 * @param units the variant's units if every network ablated the same ones, else {@code varies}
 */
public record InstanceSummary(int layer, String layerName, String selection, double percent, String units,
        int networks, Stat top1Drop, Stat top5Drop) {

    /** Mean, sample standard deviation and the half-width of the 95% interval of some values. */
    public record Stat(double mean, double std, double ci95) {
        public static Stat of(double[] values) {
            int n = values.length;
            double mean = LayerSummary.mean(values);
            double std = LayerSummary.std(values);
            double ci = n < 2 ? Double.NaN
                    : new TDistribution(n - 1).inverseCumulativeProbability(0.975) * std / Math.sqrt(n);
            return new Stat(mean, std, ci);
        }
    }

    /** One summary per variant over the instances' rows of an ablate step. */
    public static List<InstanceSummary> of(List<StepResult> instances) {
        Map<List<Object>, List<VariantRow>> groups = new LinkedHashMap<>();
        for (StepResult r : instances) {
            for (VariantRow v : r.rows()) {
                // a selection without a label is the same variant only if it ablates the same units
                Object which = v.selection().isEmpty() ? v.unitsText() : v.selection();
                groups.computeIfAbsent(List.of(v.layer(), which, v.percent()), k -> new ArrayList<>()).add(v);
            }
        }
        List<InstanceSummary> out = new ArrayList<>();
        for (List<VariantRow> group : groups.values()) {
            VariantRow first = group.get(0);
            double[] top1 = new double[group.size()];
            double[] top5 = new double[group.size()];
            boolean same = true;
            for (int i = 0; i < group.size(); i++) {
                top1[i] = group.get(i).top1Drop();
                top5[i] = group.get(i).top5Drop();
                same &= group.get(i).unitsText().equals(first.unitsText());
            }
            out.add(new InstanceSummary(first.layer(), first.layerName() == null ? "" : first.layerName(),
                    first.selection(), first.percent(), same ? first.unitsText() : "varies", group.size(),
                    Stat.of(top1), Stat.of(top5)));
        }
        return out;
    }

    /**
     * A point of a recovery curve over the networks: the variant (pass, layer, selection, percentage), the epoch,
     * and the top-1 and top-5 accuracies and alive fraction over the networks that reached that epoch.
     */
    public record CurvePoint(int pass, int layer, String layerName, String selection, double percent, int epoch,
            int networks, Stat top1, Stat top5, Stat alive) {
    }

    /** A recover step's curves aggregated over the networks, in the order of the first network's points. */
    public static List<CurvePoint> curve(List<StepResult> instances) {
        Map<List<Object>, List<CurveRow>> groups = new LinkedHashMap<>();
        for (StepResult r : instances) {
            for (CurveRow c : r.curve()) {
                groups.computeIfAbsent(List.of(c.pass(), c.layer(), c.selection(), c.percent(), c.epoch()),
                        k -> new ArrayList<>()).add(c);
            }
        }
        List<CurvePoint> out = new ArrayList<>();
        for (List<CurveRow> g : groups.values()) {
            CurveRow first = g.get(0);
            out.add(new CurvePoint(first.pass(), first.layer(), first.layerName(), first.selection(), first.percent(),
                    first.epoch(), g.size(), Stat.of(g.stream().mapToDouble(CurveRow::top1).toArray()),
                    Stat.of(g.stream().mapToDouble(CurveRow::top5).toArray()),
                    Stat.of(g.stream().mapToDouble(CurveRow::alive).toArray())));
        }
        return out;
    }

    /** Top-1 and top-5 accuracy of an evaluation over the instances: {top1, top5}. */
    public static Stat[] evaluation(List<StepResult> instances) {
        double[] top1 = new double[instances.size()];
        double[] top5 = new double[instances.size()];
        for (int i = 0; i < instances.size(); i++) {
            top1[i] = instances.get(i).baseline().top1();
            top5[i] = instances.get(i).baseline().top5();
        }
        return new Stat[] {Stat.of(top1), Stat.of(top5)};
    }
}
