package lesion.interpret;

import java.util.Arrays;
import java.util.TreeSet;
import lesion.engine.Ablation;
import lesion.engine.Damage;
import lesion.engine.Dataset;
import lesion.engine.Network;

/**
 * One variant of the last {@code ablate} and what has happened to it since: the layer and how its units were
 * chosen and removed, every unit removed so far in this lineage (over the passes of a {@code repeat} block, where a
 * random pick may hit units already gone), and the network it continues from ({@code null}: the trained network,
 * with the removed units not yet built into any weights). {@code recover} replaces {@code base} by the recovered
 * network, in whose weights a zero or mask ablation of the removed units is held (mean and noise are held by the
 * {@link Damage} in every recovery).
 */
final class Lineage {
    final int layer;
    final String layerName;
    final int layerUnits;
    final int indexInLayer;
    final Ablation method;
    final String selection;
    final double percent;
    Network base;
    int[] removed;
    int[] latest;
    private Damage damage;

    Lineage(int layer, String layerName, int layerUnits, int indexInLayer, Ablation method, String selection,
            double percent, int[] units) {
        this.layer = layer;
        this.layerName = layerName;
        this.layerUnits = layerUnits;
        this.indexInLayer = indexInLayer;
        this.method = method;
        this.selection = selection;
        this.percent = percent;
        this.removed = sorted(units);
        this.latest = units.clone();
    }

    /** An independent copy: what a REPL keeps to undo a statement that was cut short. */
    Lineage copy() {
        Lineage c = new Lineage(layer, layerName, layerUnits, indexInLayer, method, selection, percent, latest);
        c.removed = removed.clone();
        c.base = base;
        c.damage = damage;
        return c;
    }

    /**
     * The damage recovery holds for this lineage: every unit removed so far, by its method, as variant
     * {@link #indexInLayer} of its sweep; a mean ablation holds the means of {@code trained}, the network the
     * first pass measured. Made once per set of removed units, so a second recover holds the same means.
     */
    Damage damage(Network trained, Dataset data) {
        if (damage == null || !Arrays.equals(damage.units(), removed)) {
            damage = Damage.of(trained, data, layer, removed, method, indexInLayer);
        }
        return damage;
    }

    /** Adds a later pass's units (with replacement: some may be gone already), continuing from {@code next}. */
    void removeMore(int[] units, Network next) {
        TreeSet<Integer> all = new TreeSet<>();
        Arrays.stream(removed).forEach(all::add);
        Arrays.stream(units).forEach(all::add);
        removed = all.stream().mapToInt(Integer::intValue).toArray();
        latest = units.clone();
        base = next;
    }

    /** The fraction of the layer's units not removed in this lineage. */
    double alive() {
        return 1.0 - (double) removed.length / layerUnits;
    }

    private static int[] sorted(int[] units) {
        return Arrays.stream(units).distinct().sorted().toArray();
    }
}
