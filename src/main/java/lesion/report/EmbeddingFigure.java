package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * For an {@code embed tsne} step: the test images' 2-D t-SNE (from {@code step-N-embed.csv}) coloured by class, and,
 * for the variant with the largest top-1 drop of each ablate step of the run (the first network, from the ablate
 * step's JSON), coloured by each image's fate: right before and after, newly wrong, newly right, wrong before and
 * after; and for the first redundancy step, the images its pair loses only together. The paper draws the same
 * pictures to show where in input space a unit's ablation costs images.
 */
final class EmbeddingFigure implements Exhibit {
    /** Ablate steps that get a fate picture, the first ones of the run: each is a scatter of every test image. */
    static final int ABLATE_STEPS = 3;
    /**
     * Points drawn at most per picture: every k-th image beyond it, since each point is an SVG element (about 250
     * bytes) and the 10,000 MNIST images would make a 10 MB page. The counts in the captions are of all images.
     */
    static final int MAX_POINTS = 2000;
    private static final Color WRONG_BEFORE = new Color(0x8C8C8C);
    private static final Color RIGHT = new Color(0xDCDCDC);

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("embed")) {
            return List.of();
        }
        return step.csv("").filter(t -> t.size() > 0 && t.has("x") && t.has("y") && t.has("label"))
                .map(t -> blocks(run, step, t)).orElse(List.of());
    }

    private static List<Block> blocks(RunFiles run, StepFiles step, CsvTable t) {
        List<Block> out = new ArrayList<>();
        out.add(byClass(step, t));
        int drawn = 0;
        for (StepFiles other : run.steps()) {
            if (drawn == ABLATE_STEPS || !other.keyword().equals("ablate") || other.json().isEmpty()) {
                continue;
            }
            JsonNode instance = other.json().get().path("instances").path(0);
            List<JsonNode> variants = new ArrayList<>();
            instance.path("variants").forEach(v -> {
                if (v.has("newly_wrong_samples") && v.path("top1_drop_pp").isNumber()) {
                    variants.add(v);
                }
            });
            if (variants.isEmpty() || !instance.path("baseline").has("wrong_samples")) {
                continue;
            }
            JsonNode worst = variants.stream()
                    .max(Comparator.comparingDouble((JsonNode v) -> v.path("top1_drop_pp").asDouble())).get();
            out.add(byFate(step, t, other, worst, instance.path("baseline").path("wrong_samples")));
            drawn++;
        }
        run.steps().stream().filter(s -> s.keyword().equals("redundancy") && s.json().isPresent()).findFirst()
                .ifPresent(r -> together(step, t, r).ifPresent(out::add));
        return out;
    }

    /** The images the pair of the first redundancy step that loses most of them only together loses. */
    private static java.util.Optional<Block> together(StepFiles step, CsvTable t, StepFiles redundancy) {
        JsonNode instance = redundancy.json().get().path("instances").path(0);
        JsonNode best = null;
        for (JsonNode pair : instance.path("pairs")) {
            if (pair.has("lost_together_samples") && (best == null
                    || pair.path("lost_together").asInt() > best.path("lost_together").asInt())) {
                best = pair;
            }
        }
        if (best == null || best.path("lost_together").asInt() == 0) {
            return java.util.Optional.empty();
        }
        Set<Integer> lost = indices(best.path("lost_together_samples"));
        XYSeries others = new XYSeries("other images", false, true);
        XYSeries together = new XYSeries("lost only by the pair", false, true);
        for (int r = 0; r < t.size(); r += stride(t)) {
            (lost.contains((int) t.number(r, "index")) ? together : others).add(t.number(r, "x"), t.number(r, "y"));
        }
        List<String> units = new ArrayList<>();
        best.path("units").forEach(u -> units.add(u.asText()));
        String name = Labels.variant(instance.path("layer").asText(), instance.path("layer_name").asText(""),
                String.join("+", units), "");
        String title = "Lost only together: " + name;
        String id = "fig-" + step.anchor() + "-together-" + redundancy.anchor();
        String caption = "The t-SNE of step " + step.id() + " with the " + lost.size() + " test images that "
                + name + " lose only together (dark red): right with either unit ablated alone, wrong with both; "
                + "the pair of step " + redundancy.id() + " that loses the most such images, first network"
                + drawn(t) + ". From step-" + step.id() + "-embed.csv and step-" + redundancy.id()
                + "-redundancy.json.";
        return java.util.Optional.of(new Figure(id, "fig-embed-together", title, caption, Charts.svg(scatter(title,
                List.of(others, together), List.of(RIGHT, new Color(0x9E1B1B))), id, Charts.WIDTH, Charts.WIDTH)));
    }

    private static Block byClass(StepFiles step, CsvTable t) {
        List<XYSeries> classes = new ArrayList<>();
        for (int r = 0; r < t.size(); r += stride(t)) {
            int label = (int) t.number(r, "label");
            while (classes.size() <= label) {
                classes.add(new XYSeries("class " + classes.size(), false, true));
            }
            classes.get(label).add(t.number(r, "x"), t.number(r, "y"));
        }
        List<Color> colours = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            colours.add(Charts.color(c));
        }
        String id = "fig-" + step.anchor() + "-classes";
        String caption = "The " + t.size() + " test images embedded in 2-D by t-SNE (PCA to 30 dimensions, then "
                + "Barnes-Hut t-SNE), coloured by their class" + drawn(t) + ". Step " + step.id() + ", from step-"
                + step.id() + "-embed.csv.";
        return new Figure(id, "fig-embed-classes", "Test images by class", caption,
                Charts.svg(scatter("Test images by class", classes, colours), id, Charts.WIDTH, Charts.WIDTH));
    }

    private static Block byFate(StepFiles step, CsvTable t, StepFiles ablate, JsonNode variant, JsonNode wrong) {
        Set<Integer> newlyWrong = indices(variant.path("newly_wrong_samples"));
        Set<Integer> newlyRight = indices(variant.path("newly_right_samples"));
        Set<Integer> wrongBefore = indices(wrong);
        XYSeries right = new XYSeries("right before and after", false, true);
        XYSeries stillWrong = new XYSeries("wrong before and after", false, true);
        XYSeries lost = new XYSeries("newly wrong", false, true);
        XYSeries gained = new XYSeries("newly right", false, true);
        for (int r = 0; r < t.size(); r += stride(t)) {
            int index = (int) t.number(r, "index");
            XYSeries into = newlyWrong.contains(index) ? lost : newlyRight.contains(index) ? gained
                    : wrongBefore.contains(index) ? stillWrong : right;
            into.add(t.number(r, "x"), t.number(r, "y"));
        }
        List<Integer> units = new ArrayList<>();
        variant.path("units").forEach(u -> units.add(u.asInt()));
        String name = Labels.variant(variant.path("layer").asText(), variant.path("layer_name").asText(""),
                String.join("+", units.stream().map(String::valueOf).toList()), variant.path("selection").asText(""));
        String title = "Fate of each test image: " + name;
        String id = "fig-" + step.anchor() + "-fate-" + ablate.anchor();
        String caption = "The t-SNE of step " + step.id() + " coloured by what " + name + " (the largest top-1 drop "
                + "of step " + ablate.id() + ", first network) does to each test image: newly wrong (orange, "
                + newlyWrong.size() + " images), newly right (green, " + newlyRight.size() + "), right before and "
                + "after (light grey), wrong before and after (dark grey)" + drawn(t) + ". From step-" + step.id()
                + "-embed.csv and step-" + ablate.id() + "-ablate.json.";
        return new Figure(id, "fig-embed-fate", title, caption, Charts.svg(scatter(title,
                List.of(right, stillWrong, lost, gained), List.of(RIGHT, WRONG_BEFORE, Charts.LOSS, Charts.GAIN)), id,
                Charts.WIDTH, Charts.WIDTH));
    }

    /** Points without axes' numbers (t-SNE's coordinates mean nothing), later series drawn over earlier ones. */
    private static JFreeChart scatter(String title, List<XYSeries> series, List<Color> colours) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setDrawOutlines(false); // an outline doubles every point's SVG
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, colours.get(s));
            renderer.setSeriesShape(s, new Rectangle2D.Double(-1.5, -1.5, 3, 3));
        }
        NumberAxis x = new NumberAxis();
        NumberAxis y = new NumberAxis();
        x.setTickLabelsVisible(false);
        y.setTickLabelsVisible(false);
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        Charts.style(chart);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, colours.get(s)); // after the style, which sets the palette
        }
        return chart;
    }

    /** Every k-th row is drawn, so that at most {@link #MAX_POINTS} are. */
    private static int stride(CsvTable t) {
        return Math.max(1, (t.size() + MAX_POINTS - 1) / MAX_POINTS);
    }

    private static String drawn(CsvTable t) {
        return stride(t) == 1 ? "" : "; every " + stride(t) + "th image is drawn";
    }

    private static Set<Integer> indices(JsonNode array) {
        Set<Integer> out = new HashSet<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }
}
