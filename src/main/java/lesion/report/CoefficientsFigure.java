package lesion.report;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The paper's Figure 10: for an importance step over several networks, the distribution over the networks of
 * Pearson's r and Spearman's ρ between log10(p) and the single-unit drop, one box per coefficient (median,
 * quartiles, whiskers, the mean as a circle), from {@code -importance-correlations.csv}.
 */
final class CoefficientsFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("importance")) {
            return List.of();
        }
        return step.csv("-correlations").filter(t -> t.size() > 1 && t.has("pearson_r"))
                .map(t -> List.<Block>of(figure(step, t))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        data.add(column(t, "pearson_r"), "coefficient", "Pearson r");
        data.add(column(t, "spearman_rho"), "coefficient", "Spearman ρ");
        JFreeChart chart = ChartFactory.createBoxAndWhiskerChart("Correlation over " + t.size() + " networks",
                "coefficient of log10 p and the top-1 drop", "coefficient", data, false);
        Charts.style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BoxAndWhiskerRenderer renderer = (BoxAndWhiskerRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, Charts.color(4));
        renderer.setMaximumBarWidth(0.12);
        // JFreeChart sizes the mean's circle and the outliers' with the box: on a wide box they cover it
        renderer.setMeanVisible(false);
        renderer.setUseOutlinePaintForWhiskers(false);
        ((NumberAxis) plot.getRangeAxis()).setRange(-1.05, 1.05);
        String caption = "Pearson's r and Spearman's ρ between log10 of each unit's Mann-Whitney p-value and its "
                + "single-unit top-1 drop, one value per network, over the " + t.size() + " networks of step "
                + step.id() + ": box from the first to the third quartile with the median as a line, whiskers"
                + " to the farthest value within 1.5 times the box. From step-" + step.id()
                + "-importance-correlations.csv; a negative coefficient means the units training changed most matter"
                + " most.";
        String id = "fig-" + step.anchor() + "-coefficients";
        return new Figure(id, "fig-coefficients", "Correlation over networks", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    private static List<Double> column(CsvTable t, String column) {
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            double v = t.number(r, column);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values;
    }
}
