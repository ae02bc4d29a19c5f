package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's Figure 19: iterative damage and recovery over the passes of a {@code repeat} block,
 * from a {@code recover} step's CSV inside it. Per pass, top-1 and top-5 accuracy just after the
 * ablation (epoch 0) and after the recovery (each curve's last epoch), and on a second axis the
 * share of the layer's units still alive, each the mean over the pass's variants and networks.
 */
final class IterativeFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("recover")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 0 && !t.cell(0, "pass").equals("0"))
                .map(t -> List.<Block>of(figure(step, t))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable t) {
        // per pass, per curve (network and variant): the row of epoch 0 and the row of the last epoch
        Map<Integer, Map<String, int[]>> passes = new TreeMap<>();
        for (int r = 0; r < t.size(); r++) {
            int pass = (int) t.number(r, "pass");
            String curve = t.cell(r, "instance") + "/" + t.cell(r, "units") + "/" + t.cell(r, "selection");
            int[] ends = passes.computeIfAbsent(pass, k -> new LinkedHashMap<>()).computeIfAbsent(curve,
                    k -> new int[] {-1, -1});
            if (t.number(r, "epoch") == 0) {
                ends[0] = r;
            }
            if (ends[1] < 0 || t.number(r, "epoch") >= t.number(ends[1], "epoch")) {
                ends[1] = r;
            }
        }
        XYSeriesCollection accuracy = new XYSeriesCollection();
        String[][] lines = {{"top5", "0", "top-5 after ablation"}, {"top5", "1", "top-5 after recovery"},
            {"top1", "0", "top-1 after ablation"}, {"top1", "1", "top-1 after recovery"}};
        for (String[] line : lines) {
            XYSeries series = new XYSeries(line[2]);
            passes.forEach((pass, curves) -> series.add((double) pass,
                    100 * mean(t, curves, Integer.parseInt(line[1]), line[0])));
            accuracy.addSeries(series);
        }
        XYSeriesCollection alive = new XYSeriesCollection();
        XYSeries aliveSeries = new XYSeries("units alive after ablation");
        passes.forEach((pass, curves) -> aliveSeries.add((double) pass, 100 * mean(t, curves, 0, "alive")));
        alive.addSeries(aliveSeries);

        NumberAxis passAxis = new NumberAxis("pass of the repeat block");
        passAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis accuracyAxis = new NumberAxis("accuracy (%)");
        accuracyAxis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        XYPlot plot = new XYPlot(accuracy, passAxis, accuracyAxis, renderer);
        NumberAxis aliveAxis = new NumberAxis("units alive (%)");
        aliveAxis.setRange(0, 105);
        plot.setRangeAxis(1, aliveAxis);
        plot.setDataset(1, alive);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer aliveRenderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(1, aliveRenderer);
        JFreeChart chart = new JFreeChart("Iterative ablation and recovery", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        Color[] colors = {Charts.color(0), Charts.color(0), Charts.color(1), Charts.color(1)};
        BasicStroke dashed = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f);
        for (int s = 0; s < 4; s++) {
            renderer.setSeriesPaint(s, colors[s]);
            renderer.setSeriesStroke(s, s % 2 == 0 ? dashed : new BasicStroke(2f));
        }
        aliveRenderer.setSeriesPaint(0, Color.GRAY);
        aliveRenderer.setSeriesStroke(0, new BasicStroke(1.5f));
        boolean several = passes.values().stream().anyMatch(c -> c.size() > 1);
        String caption = "Damage and recovery over the passes of the repeat block, step " + step.id() + " ("
                + step.statement() + "): per pass, top-5 (blue) and top-1 (orange) accuracy on the test set just"
                + " after the pass's ablation (dashed; epoch 0) and after its recovery training (solid; last epoch),"
                + " and the share of the layer's units still alive (grey, right axis)"
                + (several ? ", each the mean over the pass's variants and networks" : "")
                + ". Damage accumulates: a pass starts from the previous pass's recovered network. From step-"
                + step.id() + "-recover.csv.";
        String id = "fig-" + step.anchor() + "-iterative";
        return new Figure(id, "fig-iterative", "Iterative ablation and recovery", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    /** The mean of {@code column} over the curves' first ({@code end} 0) or last ({@code end} 1) rows. */
    private static double mean(CsvTable t, Map<String, int[]> curves, int end, String column) {
        List<Double> values = new ArrayList<>();
        for (int[] ends : curves.values()) {
            if (ends[end] >= 0) {
                values.add(t.number(ends[end], column));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
