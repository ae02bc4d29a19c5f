package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The paper's Figure 9: for an importance step, each unit's Mann-Whitney p-value (how far training moved its
 * incoming weights, log10, on x) against its single-unit top-1 drop (y), for the first network, with Pearson's r
 * and Spearman's ρ of the two and their p-values, from {@code -importance.csv} and {@code -correlations.csv}.
 */
final class ImportanceFigure implements Exhibit {
    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("importance")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 0 && t.has("log10_p"))
                .map(t -> List.<Block>of(figure(step, t, step.csv("-correlations")))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, CsvTable units, Optional<CsvTable> correlations) {
        String network = units.cell(0, "instance");
        XYSeries points = new XYSeries("unit", false, true);
        int clamped = 0;
        for (int r = 0; r < units.size(); r++) {
            if (units.cell(r, "instance").equals(network)) {
                points.add(units.number(r, "log10_p"), units.number(r, "top1_drop_pp"));
                clamped += units.cell(r, "p_clamped").equals("yes") ? 1 : 0;
            }
        }
        String coefficients = correlations.filter(c -> c.size() > 0).map(ImportanceFigure::coefficients).orElse("");
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        NumberAxis x = new NumberAxis("log10 p (Mann-Whitney U, initial vs trained incoming weights)");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("top-1 drop when the unit is removed (pp)");
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(points), x, y, renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        JFreeChart chart = new JFreeChart("Weight change and importance" + (coefficients.isEmpty() ? ""
                : ": " + coefficients), JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart);
        chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        renderer.setSeriesPaint(0, Charts.color(0));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        String caption = "Each unit of " + Labels.layer(units.cell(0, "layer"), units.cell(0, "layer_name"))
                + " in network " + network + ": log10 of the two-sided Mann-Whitney p-value comparing its incoming "
                + "weights before and after training (smaller: training moved them more) against the top-1 drop, in "
                + "percentage points, of ablating the unit alone; step " + step.id() + ", from step-" + step.id()
                + "-importance.csv" + (coefficients.isEmpty() ? "" : ", with Pearson's r and Spearman's ρ of the two "
                + "and their p-values from step-" + step.id() + "-importance-correlations.csv") + "."
                + (clamped > 0 ? " " + clamped + " p-value" + (clamped == 1 ? "" : "s") + " underflowed and "
                + (clamped == 1 ? "is" : "are") + " drawn at the smallest double (log10 ≈ −323.3)." : "");
        String id = "fig-" + step.anchor() + "-importance";
        return new Figure(id, "fig-importance", "Weight change and importance", caption,
                Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    /** {@code r = −0.62 (p 3.1e-03), ρ = −0.55 (p 1.2e-02)} for the first network's row. */
    private static String coefficients(CsvTable c) {
        return coefficient(c, "r", "pearson_r", "pearson_p") + ", "
                + coefficient(c, "ρ", "spearman_rho", "spearman_p");
    }

    private static String coefficient(CsvTable c, String symbol, String column, String pColumn) {
        double value = c.number(0, column);
        double p = c.number(0, pColumn);
        return Double.isNaN(value) ? symbol + " undefined" : symbol + " = " + Labels.fixed(value, 2)
                + (Double.isNaN(p) ? "" : String.format(Locale.ROOT, " (p %.1e)", p));
    }
}
