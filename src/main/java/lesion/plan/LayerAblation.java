package lesion.plan;

import lesion.check.LayerInfo;

/** The part of an ablate step that acts on one layer. */
public record LayerAblation(LayerInfo layer, SelectionPlan selection) {
    public long variants() {
        return selection.variants();
    }
}
