package lesion.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * An ablate step over several networks ({@code instances N}): the variants with the largest mean
 * top-1 drop, their mean top-1 and top-5 drops over the networks with the 95% interval as error
 * bars, from {@code -instances.csv}.
 */
final class InstancesFigure implements Exhibit {
    static final int VARIANTS = 20;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("ablate")) {
            return List.of();
        }
        return step.csv("-instances").filter(t -> t.size() > 0 && t.has("top1_drop_ci95_pp"))
                .map(t -> List.<Block>of(figure(step, t))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            rows.add(r);
        }
        rows.sort(Comparator.comparingDouble((Integer r) -> -t.number(r, "top1_drop_mean_pp")));
        List<Integer> shown = rows.subList(0, Math.min(VARIANTS, rows.size()));
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int r : shown) {
            String name = Labels.variant(t.cell(r, "layer"), t.cell(r, "layer_name"), t.cell(r, "units"),
                    t.cell(r, "selection"));
            data.add(t.number(r, "top1_drop_mean_pp"), zeroIfNaN(t.number(r, "top1_drop_ci95_pp")), "top-1", name);
            data.add(t.number(r, "top5_drop_mean_pp"), zeroIfNaN(t.number(r, "top5_drop_ci95_pp")), "top-5", name);
        }
        JFreeChart chart = ChartFactory.createBarChart("Drop over " + t.cell(0, "networks") + " networks",
                "variant", "drop (percentage points)", data, PlotOrientation.HORIZONTAL, true, false, false);
        Charts.style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Charts.color(1));
        renderer.setSeriesPaint(1, Charts.color(0));
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        plot.setRenderer(renderer);
        String caption = "Top-1 and top-5 accuracy drop (percentage points) of "
                + (shown.size() < rows.size() ? "the " + shown.size() + " variants of " + rows.size()
                        + " with the largest mean top-1 drop" : "every variant")
                + " of step " + step.id() + ": the mean over the " + t.cell(0, "networks") + " networks, with the 95%"
                + " Student's t interval of the mean as error bars. From step-" + step.id() + "-ablate-instances.csv.";
        String id = "fig-" + step.anchor() + "-instances";
        int height = Math.max(Charts.HEIGHT, 110 + 26 * shown.size());
        return new Figure(id, "fig-instances", "Drop over networks", caption,
                Charts.svg(chart, id, Charts.WIDTH, height));
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
