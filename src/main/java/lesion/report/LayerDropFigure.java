package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The paper's Figures 14 and 15: an ablate step's top-1 and top-5 drop across the depth of the
 * network, one line per proportion of each layer's units, the mean over the layer's variants with
 * a band of ± one standard deviation, from {@code -layers.csv}. Drawn when the step ablated at
 * least two layers.
 */
final class LayerDropFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("ablate")) {
            return List.of();
        }
        return step.csv("-layers").map(LayerGrid::new).filter(g -> g.layers.size() >= 2)
                .map(g -> List.<Block>of(figure(step, g, "top1", "Top-1"), figure(step, g, "top5", "Top-5")))
                .orElse(List.of());
    }

    private static Figure figure(StepFiles step, LayerGrid grid, String metric, String label) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (String percent : grid.percents) {
            YIntervalSeries series = new YIntervalSeries(Labels.percent(percent) + " of the layer");
            for (int x = 0; x < grid.layers.size(); x++) {
                String layer = grid.layers.get(x);
                double mean = grid.mean(layer, percent, metric + "_drop_mean_pp");
                double std = grid.mean(layer, percent, metric + "_drop_std_pp");
                if (!Double.isNaN(mean)) {
                    double band = Double.isNaN(std) ? 0 : std;
                    series.add(x, mean, mean - band, mean + band);
                }
            }
            data.addSeries(series);
        }
        SymbolAxis layers = new SymbolAxis("layer (as lesion layers numbers it)", grid.layerLabels());
        layers.setGridBandsVisible(false);
        NumberAxis drop = new NumberAxis(label + " drop (percentage points)");
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        XYPlot plot = new XYPlot(data, layers, drop, renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        JFreeChart chart = new JFreeChart(label + " drop across depth", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        for (int s = 0; s < grid.percents.size(); s++) {
            Color c = Charts.color(s);
            renderer.setSeriesPaint(s, c);
            renderer.setSeriesFillPaint(s, c);
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        renderer.setAlpha(0.18f);
        int networks = grid.networks();
        String caption = label + " accuracy drop (baseline minus variant, in percentage points; positive is a loss)"
                + " when a proportion of each layer's units is removed, step " + step.id() + ": for each layer and"
                + " proportion the mean over its variants, with a band of ± one standard deviation over them"
                + (networks > 1 ? "; both averaged over the " + networks + " networks" : "")
                + ". From " + "step-" + step.id() + "-ablate-layers.csv.";
        String id = "fig-" + step.anchor() + "-layers-" + metric;
        return new Figure(id, "fig-layer-drops", label + " drop across depth", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }
}
