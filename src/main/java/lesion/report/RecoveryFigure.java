package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.results.InstanceSummary;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The paper's Figure 18: top-1 and top-5 accuracy per epoch of recovery training, from a
 * {@code recover} step's CSV outside a {@code repeat} block. With a few curves (variants times
 * networks), one line each; with more, per layer and proportion the mean over them with its 95%
 * interval as a band. A dashed line marks the trained network before any ablation.
 */
final class RecoveryFigure implements Exhibit {
    /** Up to this many curves are drawn one by one. */
    static final int MAX_LINES = 8;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("recover")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 0 && t.cell(0, "pass").equals("0"))
                .map(t -> List.<Block>of(figure(step, t, "top1", "Top-1"), figure(step, t, "top5", "Top-5")))
                .orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t, String metric, String label) {
        Map<String, List<Integer>> curves = new LinkedHashMap<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        boolean networks = t.rows().stream().anyMatch(r -> !r.get(t.header().indexOf("instance")).equals("0"));
        for (int r = 0; r < t.size(); r++) {
            String variant = Labels.variant(t.cell(r, "layer"), t.cell(r, "layer_name"), t.cell(r, "units"),
                    t.cell(r, "selection")) + (t.cell(r, "method").isEmpty() ? "" : " (" + t.cell(r, "method") + ")");
            curves.computeIfAbsent((networks ? "network " + t.cell(r, "instance") + ": " : "") + variant,
                    k -> new ArrayList<>()).add(r);
            groups.computeIfAbsent(Labels.layer(t.cell(r, "layer"), t.cell(r, "layer_name")) + ", "
                    + Labels.percent(t.cell(r, "percent")), k -> new ArrayList<>()).add(r);
        }
        boolean lines = curves.size() <= MAX_LINES;
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<Integer>> e : (lines ? curves : groups).entrySet()) {
            data.addSeries(series(e.getKey(), t, e.getValue(), metric));
        }
        DeviationRenderer renderer = new DeviationRenderer(true, true);
        NumberAxis epochs = new NumberAxis("epoch of recovery training (0: just ablated)");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis accuracy = new NumberAxis(label + " accuracy (%)");
        accuracy.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, epochs, accuracy, renderer);
        double baseline = 100 * (t.number(0, metric) + t.number(0, metric + "_drop_pp") / 100);
        ValueMarker before = new ValueMarker(baseline, Color.DARK_GRAY, new BasicStroke(1.2f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        before.setLabel("trained network " + Labels.fixed(baseline, 2) + "%");
        before.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        // above the line at the left, where the curves start low, on a clear background
        before.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        before.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        before.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addRangeMarker(before);
        // room above the dashed line for its label
        double top = Math.max(accuracy.getUpperBound(), baseline);
        accuracy.setUpperBound(top + 0.1 * (top - accuracy.getLowerBound()));
        JFreeChart chart = new JFreeChart(label + " during recovery", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        renderer.setAlpha(0.18f);
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesPaint(s, Charts.color(s));
            renderer.setSeriesFillPaint(s, Charts.color(s));
            renderer.setSeriesStroke(s, new BasicStroke(2f));
        }
        String caption = label + " accuracy on the test set after each epoch of recovery training, step " + step.id()
                + " (" + step.statement() + "); epoch 0 is the ablated network before retraining, the dashed line the"
                + " trained network before any ablation. "
                + (lines ? "One line per variant" + (networks ? " and network" : "") + "."
                        : "Per layer and proportion, the mean over its " + (networks ? "variants and networks"
                                : "variants") + " with the 95% t interval of the mean as a band.")
                + " From step-" + step.id() + "-recover.csv.";
        String id = "fig-" + step.anchor() + "-recovery-" + metric;
        return new Figure(id, "fig-recovery", label + " during recovery", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    /** The mean per epoch of the rows, in percent, with the 95% interval when there are several. */
    private static YIntervalSeries series(String name, CsvTable t, List<Integer> rows, String metric) {
        Map<Integer, List<Double>> byEpoch = new java.util.TreeMap<>();
        for (int r : rows) {
            byEpoch.computeIfAbsent((int) t.number(r, "epoch"), k -> new ArrayList<>()).add(100 * t.number(r, metric));
        }
        YIntervalSeries series = new YIntervalSeries(name);
        byEpoch.forEach((epoch, values) -> {
            double[] numbers = values.stream().mapToDouble(Double::doubleValue).toArray();
            InstanceSummary.Stat s = InstanceSummary.Stat.of(numbers);
            double ci = Double.isNaN(s.ci95()) ? 0 : s.ci95();
            series.add(epoch, s.mean(), s.mean() - ci, s.mean() + ci);
        });
        return series;
    }
}
