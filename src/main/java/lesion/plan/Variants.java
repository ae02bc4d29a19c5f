package lesion.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Lists the unit sets of the variants a selection makes when they follow from the layer's size
 * alone: listed units, ranges, each unit, every pair (in lexicographic order). Random, ranked and
 * similarity selections need seeds or weights and are chosen at run time.
 */
public final class Variants {
    private Variants() {
    }

    /** True when {@link #enumerate} can list this selection's variants. */
    public static boolean enumerable(SelectionPlan selection) {
        return selection instanceof SelectionPlan.Units || selection instanceof SelectionPlan.Each
                || selection instanceof SelectionPlan.Pairs;
    }

    public static List<int[]> enumerate(SelectionPlan selection) {
        List<int[]> out = new ArrayList<>();
        if (selection instanceof SelectionPlan.Units u) {
            out.add(u.units().clone());
        } else if (selection instanceof SelectionPlan.Each e) {
            for (int i = 0; i < e.units(); i++) {
                out.add(new int[] {i});
            }
        } else if (selection instanceof SelectionPlan.Pairs p) {
            for (int i = 0; i < p.units(); i++) {
                for (int j = i + 1; j < p.units(); j++) {
                    out.add(new int[] {i, j});
                }
            }
        } else {
            throw new IllegalArgumentException("variants of " + selection.describe("units") + " are chosen at run time");
        }
        return out;
    }
}
