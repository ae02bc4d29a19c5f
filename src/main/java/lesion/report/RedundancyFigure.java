package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * For a redundancy step: each pair's top-1 drop against the sum of its two units' single drops, with the diagonal
 * where the pair costs exactly what the units cost alone (above it the units back each other up, below it they
 * overlap), and a table of the pairs that lose the most test images only together, from {@code -redundancy.csv}.
 */
final class RedundancyFigure implements Exhibit {
    static final int PAIRS = 15;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("redundancy")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 0 && t.has("singles_sum_pp"))
                .map(t -> List.of(figure(step, t), table(step, t))).orElse(List.of());
    }

    private static Block figure(StepFiles step, CsvTable t) {
        XYSeries points = new XYSeries("pair", false, true);
        double low = 0;
        double high = 0;
        for (int r = 0; r < t.size(); r++) {
            double x = t.number(r, "singles_sum_pp");
            double y = t.number(r, "pair_drop_pp");
            if (!Double.isNaN(x) && !Double.isNaN(y)) {
                points.add(x, y);
                low = Math.min(low, Math.min(x, y));
                high = Math.max(high, Math.max(x, y));
            }
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        NumberAxis x = new NumberAxis("sum of the two units' single top-1 drops (pp)");
        NumberAxis y = new NumberAxis("top-1 drop of the pair (pp)");
        // the same range on both axes, so that the diagonal runs at 45 degrees
        double margin = Math.max(1, (high - low) * 0.04);
        x.setRange(low - margin, high + margin);
        y.setRange(low - margin, high + margin);
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, renderer);
        plot.addAnnotation(new XYLineAnnotation(low, low, high, high, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f), Color.GRAY));
        JFreeChart chart = new JFreeChart("Pair drop against the sum of single drops", JFreeChart.DEFAULT_TITLE_FONT,
                plot, false);
        Charts.style(chart);
        renderer.setSeriesPaint(0, new Color(0, 0x72, 0xB2, 150));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        long networks = java.util.stream.IntStream.range(0, t.size()).mapToObj(r -> t.cell(r, "instance")).distinct()
                .count();
        String caption = "Each pair of units of " + Labels.layer(t.cell(0, "layer"), t.cell(0, "layer_name"))
                + (networks > 1 ? " in each of the " + networks + " networks" : "") + ": the top-1 drop (percentage"
                + " points) of ablating both against the sum of the drops of ablating each alone. On the dashed "
                + "diagonal the pair costs what its units cost separately; above it the units back each other up "
                + "(redundancy), below it they overlap. Step " + step.id() + ", from step-" + step.id()
                + "-redundancy.csv.";
        String id = "fig-" + step.anchor() + "-redundancy";
        return new Figure(id, "fig-redundancy", "Pair drop against the sum of single drops", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    private static Block table(StepFiles step, CsvTable t) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            rows.add(r);
        }
        rows.sort(Comparator.comparingDouble((Integer r) -> -t.number(r, "lost_together"))
                .thenComparingDouble(r -> -t.number(r, "excess_pp")));
        List<List<String>> cells = new ArrayList<>();
        for (int r : rows.subList(0, Math.min(PAIRS, rows.size()))) {
            cells.add(List.of(t.cell(r, "instance"), t.cell(r, "units"), t.cell(r, "lost_together"),
                    t.cell(r, "pair_drop_pp"), t.cell(r, "singles_sum_pp"), t.cell(r, "excess_pp")));
        }
        String caption = "The " + cells.size() + " pairs (of " + t.size() + ") that lose the most test images only "
                + "together: images each unit alone still classifies correctly but the pair does not; then by excess,"
                + " the pair's drop minus the sum of the single drops (pp). Step " + step.id() + ", from step-"
                + step.id() + "-redundancy.csv; step-" + step.id() + "-redundancy.json lists the images.";
        return new Table("tab-" + step.anchor() + "-redundancy", "tab-redundancy", caption,
                List.of("network", "units", "lost together", "pair drop (pp)", "sum of singles (pp)", "excess (pp)"),
                cells);
    }
}
