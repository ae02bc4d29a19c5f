package lesion.results;

import java.util.Objects;

/**
 * One point of a recovery curve: a variant's network (its layer, the units ablated so far in its lineage, how they
 * were chosen and removed, the {@code repeat} pass, 0 outside a block) after {@code epoch} epochs of recovery (0:
 * right after the ablation), its top-1 and top-5 accuracy, their drops from the trained network's (fractions;
 * positive is worse) and the fraction of the layer's units still alive.
 */
public record CurveRow(int layer, String layerName, int[] units, String selection, double percent, String method,
        int pass, int epoch, double top1, double top5, double top1Drop, double top5Drop, double alive) {

    public CurveRow {
        units = units.clone();
        layerName = Objects.requireNonNullElse(layerName, "");
    }

    /** The units joined by {@code +}, as variant rows print them. */
    public String unitsText() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < units.length; i++) {
            out.append(i == 0 ? "" : "+").append(units[i]);
        }
        return out.toString();
    }
}
