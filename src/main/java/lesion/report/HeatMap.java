package lesion.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A heat map of drops in percentage points on a grid of labelled columns and rows, coloured on a
 * scale symmetric around 0: red for a loss, blue for a gain, white for no change, so that the
 * class-specific gains the paper reports stand out from the losses.
 */
final class HeatMap {
    private HeatMap() {
    }

    /**
     * The chart of {@code values[row][column]} (NaN: left blank).
     *
     * @param columns the labels along the horizontal axis
     * @param rows the labels along the vertical axis, from the bottom
     */
    static JFreeChart chart(String title, String columnAxis, String[] columns, String rowAxis, String[] rows,
            double[][] values) {
        double max = 0;
        int cells = 0;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, Math.abs(v));
                    cells++;
                }
            }
        }
        double[][] xyz = new double[3][cells];
        int i = 0;
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns.length; c++) {
                if (!Double.isNaN(values[r][c])) {
                    xyz[0][i] = c;
                    xyz[1][i] = r;
                    xyz[2][i] = values[r][c];
                    i++;
                }
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("drop", xyz);
        double bound = max == 0 ? 1 : max;
        XYBlockRenderer renderer = new XYBlockRenderer();
        Diverging scale = new Diverging(bound);
        renderer.setPaintScale(scale);
        SymbolAxis x = new SymbolAxis(columnAxis, columns);
        SymbolAxis y = new SymbolAxis(rowAxis, rows);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        Charts.style(chart);
        NumberAxis legendAxis = new NumberAxis("drop (pp): red a loss, blue a gain");
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 10, 4, 4);
        legend.setStripWidth(14);
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }

    /** White at 0, shading to red at +bound and to blue at −bound. */
    private record Diverging(double bound) implements PaintScale {
        private static final Color LOSS = new Color(0xB2182B);
        private static final Color GAIN = new Color(0x2166AC);

        @Override
        public double getLowerBound() {
            return -bound;
        }

        @Override
        public double getUpperBound() {
            return bound;
        }

        @Override
        public Paint getPaint(double value) {
            double t = Math.max(-1, Math.min(1, value / bound));
            Color end = t >= 0 ? LOSS : GAIN;
            double a = Math.abs(t);
            return new Color(mix(255, end.getRed(), a), mix(255, end.getGreen(), a), mix(255, end.getBlue(), a));
        }

        private static int mix(int from, int to, double a) {
            return (int) Math.round(from + (to - from) * a);
        }
    }
}
