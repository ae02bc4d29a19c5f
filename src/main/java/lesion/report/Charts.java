package lesion.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * The report's one look for every chart (white background, light grid, a colour-blind-safe
 * palette, legible fonts) and the conversion of a chart into an inline SVG element.
 *
 * <p>The SVG is deterministic: JFreeSVG would name its clip paths after the clock, so each figure
 * sets the prefix of those names to its own id, which also keeps the names unique when several
 * figures share one HTML page.
 */
final class Charts {
    /** Okabe and Ito's palette, distinguishable with the common colour-vision deficiencies. */
    static final Color[] PALETTE = {new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};
    /** Images or accuracy lost. */
    static final Color LOSS = new Color(0xD55E00);
    /** Images or accuracy gained. */
    static final Color GAIN = new Color(0x009E73);
    /** Images whose fate did not change. */
    static final Color KEPT = new Color(0xC8C8C8);
    static final Color GRID = new Color(0xDDDDDD);

    static final int WIDTH = 640;
    static final int HEIGHT = 360;

    static {
        // charts are drawn off screen; a run on a machine without a display must not need one
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {
    }

    /**
     * Gives a chart the report's fonts, colours and legend position. Call it before setting a renderer's own
     * series paints and strokes: the theme clears them.
     */
    static JFreeChart style(JFreeChart chart) {
        StandardChartTheme theme = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setAxisLabelPaint(Color.DARK_GRAY);
        theme.setTickLabelPaint(Color.DARK_GRAY);
        theme.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, PALETTE,
                DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE, DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
                DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        theme.apply(chart);
        Plot plot = chart.getPlot();
        plot.setOutlineVisible(false);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlineStroke(new BasicStroke(0.8f));
            xy.setRangeGridlineStroke(new BasicStroke(0.8f));
        } else if (plot instanceof CategoryPlot category) {
            category.setRangeGridlineStroke(new BasicStroke(0.8f));
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        return chart;
    }

    /** Colour {@code i} of the palette, cycling. */
    static Color color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The chart drawn at {@code width} × {@code height} as an {@code <svg>} element with id {@code id}. */
    static String svg(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id + "-svg", true, new ViewBox(0, 0, width, height), null, null);
    }
}
