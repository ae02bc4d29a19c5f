package lesion.report;

import java.util.List;

/**
 * The tables beside a step's figures, each a few chosen columns of one of the step's CSV files
 * (all columns stay in the file): for {@code evaluate} the accuracies per network; for
 * {@code ablate} the 20 variants with the largest top-1 drop, the per-layer summary and, over
 * several networks, the 20 variants with the largest mean drop; for {@code recover} the curve
 * points (the first 200).
 */
final class StepTables implements Exhibit {
    static final int TOP = 20;
    static final int MAX_CURVE_ROWS = 200;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        return switch (step.keyword()) {
            case "evaluate" -> step.csv("").map(t -> List.<Block>of(CsvColumns.table("tab-" + step.anchor()
                    + "-evaluation", "tab-evaluation", "Accuracy of the trained network" + (t.size() > 1
                    ? ", one row per network" : "") + " (fractions); per class in step-" + step.id()
                    + "-evaluate.csv.", t, CsvColumns.all(t), List.of("instance", "samples", "right", "top1", "top5"))))
                    .orElse(List.of());
            case "ablate" -> ablate(step);
            case "recover" -> step.csv("").map(t -> List.<Block>of(recovery(step, t))).orElse(List.of());
            default -> List.of();
        };
    }

    private static List<Block> ablate(StepFiles step) {
        List<Block> out = new java.util.ArrayList<>();
        step.csv("").filter(t -> t.size() > 0).ifPresent(t -> {
            List<Integer> rows = CsvColumns.top(t, "top1_drop_pp", TOP);
            out.add(CsvColumns.table("tab-" + step.anchor() + "-variants", "tab-variants",
                    (rows.size() < t.size() ? "The " + rows.size() + " variants of " + t.size()
                            + " with the largest top-1 drop" : "Every variant, largest top-1 drop first")
                            + ". Accuracies are fractions, drops percentage points (positive: a loss); every variant"
                            + " with its per-class figures is in step-" + step.id() + "-ablate.csv.",
                    t, rows, List.of("instance", "layer", "layer_name", "units", "selection", "percent", "method",
                            "silenced", "top1", "top5", "top1_drop_pp", "top5_drop_pp", "newly_wrong", "newly_right")));
        });
        step.csv("-layers").filter(t -> t.size() > 0).ifPresent(t -> out.add(CsvColumns.table("tab-" + step.anchor()
                + "-layers", "tab-layers", "Per layer and proportion: the mean and standard deviation over the"
                + " variants of the top-1 and top-5 drops (percentage points); per class in step-" + step.id()
                + "-ablate-layers.csv.", t, CsvColumns.all(t), List.of("instance", "layer", "layer_name", "percent",
                "units", "variants", "top1_drop_mean_pp", "top1_drop_std_pp", "top5_drop_mean_pp",
                "top5_drop_std_pp", "silenced"))));
        step.csv("-instances").filter(t -> t.size() > 0).ifPresent(t -> {
            List<Integer> rows = CsvColumns.top(t, "top1_drop_mean_pp", TOP);
            out.add(CsvColumns.table("tab-" + step.anchor() + "-instances", "tab-instances",
                    (rows.size() < t.size() ? "The " + rows.size() + " variants of " + t.size()
                            + " with the largest mean top-1 drop" : "Every variant")
                            + " over the networks: mean, sample standard deviation and 95% interval half-width of the"
                            + " drops (percentage points), from step-" + step.id() + "-ablate-instances.csv.",
                    t, rows, List.of("layer", "layer_name", "selection", "percent", "units", "networks",
                            "top1_drop_mean_pp", "top1_drop_std_pp", "top1_drop_ci95_pp", "top5_drop_mean_pp",
                            "top5_drop_std_pp", "top5_drop_ci95_pp")));
        });
        return out;
    }

    private static Table recovery(StepFiles step, CsvTable t) {
        List<Integer> rows = CsvColumns.all(t);
        boolean cut = rows.size() > MAX_CURVE_ROWS;
        return CsvColumns.table("tab-" + step.anchor() + "-recovery", "tab-recovery",
                (cut ? "The first " + MAX_CURVE_ROWS + " of " + rows.size() + " curve points" : "Every curve point")
                        + ": accuracy (fractions) and drop from the trained network (percentage points) after each"
                        + " epoch of recovery, and the share of the layer's units alive; all in step-" + step.id()
                        + "-recover.csv.",
                t, cut ? rows.subList(0, MAX_CURVE_ROWS) : rows, List.of("instance", "pass", "layer", "layer_name",
                        "units", "selection", "percent", "method", "epoch", "top1", "top5", "top1_drop_pp",
                        "top5_drop_pp", "alive"));
    }
}
