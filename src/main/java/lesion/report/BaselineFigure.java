package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lesion.results.InstanceSummary;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The trained network's top-1 accuracy on each class (the paper's Section 3.1 figures), from an
 * {@code evaluate} step's CSV; with several networks, their mean with the 95% interval. A run
 * without {@code evaluate} shows it once, from the baseline its first variant step recorded.
 */
final class BaselineFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (step.keyword().equals("evaluate")) {
            return step.csv("").filter(t -> t.size() > 0 && t.classes("_acc") > 0)
                    .map(t -> List.<Block>of(fromEvaluation(step, t))).orElse(List.of());
        }
        boolean evaluated = run.steps().stream().anyMatch(s -> s.keyword().equals("evaluate") && s.csv("").isPresent());
        StepFiles first = run.steps().stream().filter(s -> s.json().isPresent()).findFirst().orElse(null);
        if (evaluated || first != step) {
            return List.of();
        }
        Optional<JsonNode> baseline = step.json().map(j -> j.path("instances").path(0).path("baseline"))
                .filter(b -> b.path("per_class_acc").size() > 0);
        return baseline.map(b -> List.<Block>of(fromBaseline(step, b))).orElse(List.of());
    }

    private static Figure fromEvaluation(StepFiles step, CsvTable t) {
        int classes = t.classes("_acc");
        double[][] perClass = new double[classes][t.size()];
        double[] top1 = new double[t.size()];
        double[] top5 = new double[t.size()];
        for (int r = 0; r < t.size(); r++) {
            top1[r] = t.number(r, "top1");
            top5[r] = t.number(r, "top5");
            for (int c = 0; c < classes; c++) {
                perClass[c][r] = t.number(r, "class_" + c + "_acc");
            }
        }
        String samples = t.cell(0, "samples");
        String caption;
        if (t.size() == 1) {
            caption = "Top-1 accuracy of the trained network on each class of the " + samples + " test images (step "
                    + step.id() + ", evaluate). Overall top-1 " + Labels.fixed(100 * top1[0], 2) + "%, top-5 "
                    + Labels.fixed(100 * top5[0], 2) + "%.";
        } else {
            InstanceSummary.Stat s1 = InstanceSummary.Stat.of(top1);
            InstanceSummary.Stat s5 = InstanceSummary.Stat.of(top5);
            caption = "Top-1 accuracy on each class of the " + samples + " test images, mean over the " + t.size()
                    + " networks with the 95% t interval of the mean as error bars (step " + step.id()
                    + ", evaluate). Overall top-1 " + Labels.fixed(100 * s1.mean(), 2) + "% ± "
                    + Labels.fixed(100 * s1.ci95(), 2) + ", top-5 " + Labels.fixed(100 * s5.mean(), 2) + "% ± "
                    + Labels.fixed(100 * s5.ci95(), 2) + ".";
        }
        return figure(step, perClass, caption);
    }

    private static Figure fromBaseline(StepFiles step, JsonNode baseline) {
        List<double[]> perClass = new ArrayList<>();
        for (JsonNode a : baseline.path("per_class_acc")) {
            perClass.add(new double[] {a.isNumber() ? a.asDouble() : Double.NaN});
        }
        String caption = "Top-1 accuracy of the trained network on each class of the "
                + baseline.path("samples").asInt()
                + " test images, as the baseline of step " + step.id() + " recorded it (the study has no evaluate"
                + " step). Overall top-1 " + Labels.fixed(100 * baseline.path("top1").asDouble(), 2) + "%, top-5 "
                + Labels.fixed(100 * baseline.path("top5").asDouble(), 2) + "%.";
        return figure(step, perClass.toArray(new double[0][]), caption);
    }

    private static Figure figure(StepFiles step, double[][] perClass, String caption) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        for (int c = 0; c < perClass.length; c++) {
            InstanceSummary.Stat s = InstanceSummary.Stat.of(perClass[c]);
            // one network: no interval, so no error bar
            data.add(Double.valueOf(100 * s.mean()), Double.isNaN(s.ci95()) ? null : Double.valueOf(100 * s.ci95()),
                    "top-1", Integer.toString(c));
        }
        JFreeChart chart = ChartFactory.createBarChart("Baseline accuracy per class", "class",
                "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        plot.setRenderer(renderer);
        Charts.style(chart);
        renderer.setSeriesPaint(0, Charts.color(0));
        renderer.setErrorIndicatorPaint(java.awt.Color.BLACK);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
        renderer.setDrawBarOutline(false);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setRange(0, 100);
        String id = "fig-" + step.anchor() + "-baseline";
        return new Figure(id, "fig-baseline-classes", "Baseline accuracy per class", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }
}
