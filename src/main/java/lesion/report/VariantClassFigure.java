package lesion.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Class-specific effects of single variants (the paper's Section 4.1: a unit whose removal costs
 * some classes and helps others): a heat map of the per-class top-1 drop of the step's variants
 * with the largest top-1 drops, variants against classes, from the step's CSV (first network).
 * Drawn for a step on one layer; a step on several layers has {@link LayerClassFigure} instead.
 */
final class VariantClassFigure implements Exhibit {
    static final int VARIANTS = 20;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("ablate")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 1 && t.classes("_drop_pp") > 0)
                .filter(t -> t.rows().stream().map(r -> r.get(t.header().indexOf("layer"))).distinct().count() == 1)
                .map(t -> List.<Block>of(figure(step, t))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            if (t.cell(r, "instance").equals(t.cell(0, "instance"))) {
                rows.add(r);
            }
        }
        rows.sort(Comparator.comparingDouble((Integer r) -> -t.number(r, "top1_drop_pp")));
        List<Integer> shown = rows.subList(0, Math.min(VARIANTS, rows.size()));
        int classes = t.classes("_drop_pp");
        String[] classLabels = new String[classes];
        for (int c = 0; c < classes; c++) {
            classLabels[c] = Integer.toString(c);
        }
        // the largest drop at the top: the vertical axis counts from the bottom
        String[] variantLabels = new String[shown.size()];
        double[][] values = new double[shown.size()][classes];
        for (int i = 0; i < shown.size(); i++) {
            int r = shown.get(shown.size() - 1 - i);
            variantLabels[i] = Labels.units(t.cell(r, "units")) + (t.cell(r, "selection").startsWith("unit")
                    || t.cell(r, "selection").isEmpty() ? "" : " (" + t.cell(r, "selection") + ")");
            for (int c = 0; c < classes; c++) {
                values[i][c] = t.number(r, "class_" + c + "_drop_pp");
            }
        }
        String layer = Labels.layer(t.cell(0, "layer"), t.cell(0, "layer_name"));
        String title = "Per-class top-1 drop of the variants, " + layer;
        JFreeChart chart = HeatMap.chart(title, "class", classLabels, "units removed", variantLabels, values);
        String caption = "Per-class top-1 accuracy drop (percentage points) of "
                + (shown.size() < rows.size() ? "the " + shown.size() + " variants of " + rows.size()
                        + " with the largest top-1 drops" : "every variant")
                + " of step " + step.id() + " in " + layer + ", largest overall drop at the top"
                + (t.size() > rows.size() ? " (first network)" : "") + ". Red cells are losses, blue cells gains"
                + " (the class does better without those units), on a scale symmetric around 0. From step-"
                + step.id() + "-ablate.csv.";
        String id = "fig-" + step.anchor() + "-variant-classes";
        int height = Math.max(Charts.HEIGHT, 120 + 18 * shown.size());
        return new Figure(id, "fig-variant-classes", title, caption, Charts.svg(chart, id, Charts.WIDTH, height));
    }
}
