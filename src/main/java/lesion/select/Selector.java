package lesion.select;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lesion.plan.SelectionPlan;
import lesion.plan.Variants;

/**
 * Turns any selection of one layer into its variants, in the documented order (see the package
 * documentation), asking for the layer's weights only when the selection ranks or compares them.
 */
public final class Selector {
    private Selector() {
    }

    /**
     * The weights of one ablatable layer, one row per unit or filter: its incoming weights
     * flattened (a filter's kernel over all input channels), bias excluded. Read lazily: random
     * and fixed selections never call it, only {@code by mannwhitney} calls {@link #initial}.
     */
    public interface LayerWeights {
        /** The weights as they are now (after training, and after any earlier pass of a repeat block). */
        float[][] trained();

        /** The weights before training, in the same layout. */
        float[][] initial();
    }

    /** True when choosing needs {@link LayerWeights#trained}. */
    public static boolean needsWeights(SelectionPlan selection) {
        return selection instanceof SelectionPlan.Ranked || selection instanceof SelectionPlan.Similar;
    }

    /** True when choosing needs {@link LayerWeights#initial} too. */
    public static boolean needsInitialWeights(SelectionPlan selection) {
        return selection instanceof SelectionPlan.Ranked r && r.criterion().equals("mannwhitney");
    }

    /**
     * The variants {@code selection} makes on a layer of {@code units} units. Listed units, each
     * and pairs come out as {@link Variants#enumerate} lists them, labelled by their units, with no
     * proportion. {@code weights} may be null when {@link #needsWeights} is false.
     */
    public static List<Chosen> choose(SelectionPlan selection, int units, SeedScope scope, LayerWeights weights) {
        if (selection instanceof SelectionPlan.Random r) {
            return RandomGroups.choose(r, units, scope);
        }
        if (selection instanceof SelectionPlan.Ranked r) {
            float[][] trained = rows(weights.trained(), units, "trained");
            return switch (r.criterion()) {
                case "magnitude" -> MagnitudeRanking.choose(r, trained);
                case "mannwhitney" -> MannWhitneyRanking.choose(r, rows(weights.initial(), units, "initial"), trained);
                default -> throw new IllegalArgumentException("no ranking by '" + r.criterion() + "'");
            };
        }
        if (selection instanceof SelectionPlan.Similar s) {
            return SimilarityGroups.choose(s, rows(weights.trained(), units, "trained"), scope);
        }
        List<Chosen> out = new ArrayList<>();
        for (int[] v : Variants.enumerate(selection)) {
            String label = (v.length == 1 ? "unit " : "units ")
                    + IntStream.of(v).mapToObj(Integer::toString).collect(Collectors.joining(", "));
            out.add(new Chosen(v, label, -1, Double.NaN, -1, 0));
        }
        return out;
    }

    private static float[][] rows(float[][] w, int units, String which) {
        if (w == null || w.length != units) {
            throw new IllegalArgumentException("the " + which + " weights have " + (w == null ? "no" : w.length)
                    + " rows for a layer of " + units + " units");
        }
        return w;
    }
}
