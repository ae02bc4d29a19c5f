package lesion.report;

import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The paper's Figure 11: for a selectivity step, per class the standard deviation over the layer's units of the
 * class-specific top-1 drop of ablating each unit alone: a tall bar is a class some units matter much more for
 * than others. One network: its bars, from {@code -selectivity.csv}; several: the mean over the networks with
 * ± one standard deviation over them as error bars, from {@code -selectivity-instances.csv}.
 */
final class SelectivityFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("selectivity")) {
            return List.of();
        }
        return step.csv("-instances").filter(t -> t.size() > 0 && t.has("drop_std_mean_pp"))
                .map(t -> List.<Block>of(figure(step, t, true)))
                .or(() -> step.csv("").filter(t -> t.size() > 0 && t.has("drop_std_pp"))
                        .map(t -> List.<Block>of(figure(step, t, false))))
                .orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t, boolean overNetworks) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int r = 0; r < t.size(); r++) {
            if (overNetworks) {
                double spread = t.number(r, "drop_std_std_pp");
                data.add(Double.valueOf(t.number(r, "drop_std_mean_pp")), Double.isNaN(spread) ? null
                        : Double.valueOf(spread), "deviation", t.cell(r, "class"));
            } else {
                data.add(Double.valueOf(t.number(r, "drop_std_pp")), null, "deviation", t.cell(r, "class"));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Class selectivity of the units", "class",
                "std over units of the class's drop (pp)", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        plot.setRenderer(renderer);
        Charts.style(chart);
        renderer.setSeriesPaint(0, Charts.color(2));
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setDrawBarOutline(false);
        String layer = Labels.layer(t.cell(0, "layer"), t.cell(0, "layer_name"));
        String caption = "For each class, the standard deviation over the units of " + layer + " of the class's "
                + "top-1 drop (percentage points) when each unit is ablated alone: high where some units matter much "
                + "more for the class than others. "
                + (overNetworks ? "Mean over the " + t.cell(0, "networks") + " networks with ± one standard deviation"
                + " over them as error bars; step " + step.id() + ", from step-" + step.id()
                + "-selectivity-instances.csv." : "Step " + step.id() + ", from step-" + step.id()
                + "-selectivity.csv.");
        String id = "fig-" + step.anchor() + "-selectivity";
        return new Figure(id, "fig-selectivity", "Class selectivity of the units", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }
}
