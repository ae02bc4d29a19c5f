package lesion.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * The paper's Figures 16 and 17: which classes lose (or gain) when each layer is ablated, as a heat
 * map of the per-class mean top-1 drop over a layer's variants, classes against layers, one map per
 * proportion, from {@code -layers.csv}. Drawn when the step ablated at least two layers.
 */
final class LayerClassFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("ablate")) {
            return List.of();
        }
        return step.csv("-layers").map(LayerGrid::new)
                .filter(g -> g.layers.size() >= 2 && g.table.classes("_drop_mean_pp") > 0)
                .map(g -> figures(step, g)).orElse(List.of());
    }

    private static List<Block> figures(StepFiles step, LayerGrid grid) {
        int classes = grid.table.classes("_drop_mean_pp");
        String[] classLabels = new String[classes];
        for (int c = 0; c < classes; c++) {
            classLabels[c] = Integer.toString(c);
        }
        List<Block> out = new ArrayList<>();
        for (int p = 0; p < grid.percents.size(); p++) {
            String percent = grid.percents.get(p);
            double[][] values = new double[classes][grid.layers.size()];
            for (int c = 0; c < classes; c++) {
                for (int l = 0; l < grid.layers.size(); l++) {
                    values[c][l] = grid.mean(grid.layers.get(l), percent, "class_" + c + "_drop_mean_pp");
                }
            }
            String title = "Per-class top-1 drop across depth, " + Labels.percent(percent);
            JFreeChart chart = HeatMap.chart(title, "layer", grid.layerLabels(), "class", classLabels, values);
            int networks = grid.networks();
            String caption = "Per-class top-1 accuracy drop (percentage points) when " + Labels.percent(percent)
                    + " of a layer's units are removed, step " + step.id() + ": each cell is the mean over the layer's"
                    + " variants of the class's drop" + (networks > 1 ? ", averaged over the " + networks + " networks"
                    : "") + ". Red cells are losses, blue cells gains, on a scale symmetric around 0. From step-"
                    + step.id() + "-ablate-layers.csv.";
            String id = "fig-" + step.anchor() + "-layer-classes-" + (p + 1);
            out.add(new Figure(id, "fig-layer-classes", title, caption,
                    Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT + 40)));
        }
        return out;
    }
}
