package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The paper's Figures 3-7 for the variants of a step with the largest top-1 drops: per class, the
 * test images the baseline got right that the variant still gets right, those it now gets wrong,
 * and those the baseline got wrong that it now gets right. Drawn from the step's JSON (its
 * baseline's per-class right counts and each variant's per-class newly wrong and newly right
 * counts) for the first network.
 */
final class FateFigure implements Exhibit {
    /** How many variants get a figure: the largest drops, so the figures stay few on a sweep of thousands. */
    static final int VARIANTS = 3;
    /** Beyond this many classes, only the classes where most images changed fate are drawn. */
    static final int MAX_CLASSES = 30;

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("ablate") || step.json().isEmpty()) {
            return List.of();
        }
        JsonNode instance = step.json().get().path("instances").path(0);
        JsonNode right = instance.path("baseline").path("per_class_right");
        List<JsonNode> variants = new ArrayList<>();
        instance.path("variants").forEach(v -> {
            if (v.has("per_class_newly_wrong") && v.path("top1_drop_pp").isNumber()) {
                variants.add(v);
            }
        });
        if (right.size() == 0 || variants.isEmpty()) {
            return List.of();
        }
        // a stable sort: equal drops keep the order of the file
        variants.sort(Comparator.comparingDouble((JsonNode v) -> -v.path("top1_drop_pp").asDouble()));
        List<Block> out = new ArrayList<>();
        for (int k = 0; k < Math.min(VARIANTS, variants.size()); k++) {
            out.add(figure(step, k, variants.get(k), right));
        }
        return out;
    }

    private static Figure figure(StepFiles step, int rank, JsonNode v, JsonNode baselineRight) {
        int classes = baselineRight.size();
        List<Integer> shown = shownClasses(v, classes);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int c : shown) {
            int wrong = v.path("per_class_newly_wrong").path(c).asInt();
            int right = v.path("per_class_newly_right").path(c).asInt();
            String column = Integer.toString(c);
            data.addValue(baselineRight.path(c).asInt() - wrong, "still right", column);
            data.addValue(wrong, "newly wrong", column);
            data.addValue(right, "newly right", column);
        }
        List<Integer> units = new ArrayList<>();
        v.path("units").forEach(u -> units.add(u.asInt()));
        String unitsText = String.join("+", units.stream().map(String::valueOf).toList());
        String name = Labels.variant(v.path("layer").asText(), v.path("layer_name").asText(""), unitsText,
                v.path("selection").asText(""));
        String title = name + ": top-1 " + signed(-v.path("top1_drop_pp").asDouble()) + " pp";
        JFreeChart chart = ChartFactory.createStackedBarChart(title, "class", "test images", data,
                PlotOrientation.VERTICAL, true, false, false);
        Charts.style(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        StackedBarRenderer renderer = (StackedBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Charts.KEPT);
        renderer.setSeriesPaint(1, Charts.LOSS);
        renderer.setSeriesPaint(2, Charts.GAIN);
        String which = rank == 0 ? "the largest top-1 drop" : "the " + ordinal(rank + 1) + " largest top-1 drop";
        String caption = name + ", the variant with " + which + " of step " + step.id()
                + (step.json().get().path("instances").size() > 1 ? " (first network)" : "") + ": top-1 "
                + Labels.fixed(100 * v.path("top1").asDouble(), 2) + "%, " + v.path("newly_wrong").asInt()
                + " images newly wrong, " + v.path("newly_right").asInt() + " newly right. Per class, the test images"
                + " the baseline got right that the variant still gets right (grey), those it now gets wrong (orange),"
                + " and those the baseline got wrong that it now gets right (green); grey and orange together are the"
                + " baseline's right answers."
                + (shown.size() < classes ? " Shown: the " + shown.size() + " of " + classes
                        + " classes where most images changed." : "");
        String id = "fig-" + step.anchor() + "-fates-" + (rank + 1);
        return new Figure(id, "fig-fates", title, caption, Charts.svg(chart, id, Charts.WIDTH, Charts.HEIGHT));
    }

    /** Every class, or the {@link #MAX_CLASSES} with the most changed images, in class order. */
    private static List<Integer> shownClasses(JsonNode v, int classes) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            all.add(c);
        }
        if (classes <= MAX_CLASSES) {
            return all;
        }
        all.sort(Comparator.comparingInt((Integer c) -> -(v.path("per_class_newly_wrong").path(c).asInt()
                + v.path("per_class_newly_right").path(c).asInt())));
        List<Integer> top = new ArrayList<>(all.subList(0, MAX_CLASSES));
        top.sort(Comparator.naturalOrder());
        return top;
    }

    private static String signed(double pp) {
        return (pp > 0 ? "+" : pp < 0 ? "−" : "") + Labels.fixed(Math.abs(pp), 2);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 2 -> "second";
            case 3 -> "third";
            default -> n + "th";
        };
    }
}
