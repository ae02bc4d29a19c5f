package lesion.analysis;

import java.util.List;

/**
 * {@link Importance} on one network's layer: per unit its Mann-Whitney U, p-value and single-unit drop, and the
 * correlations of log10(p) with the drop; also the incoming weights the test compared ({@code initial[u]},
 * {@code trained[u]}), kept so that the results can show them as images (the paper's Figure 8).
 */
public record ImportanceResult(int layer, String layerName, List<Unit> units, Correlation pearson,
        Correlation spearman, float[][] initial, float[][] trained) implements AnalysisResult {
    public ImportanceResult {
        units = List.copyOf(units);
    }

    /**
     * One unit: U, the two-sided p-value (clamped to {@link Double#MIN_VALUE} when it underflowed to 0, then
     * {@code clamped}), log10 of that p-value, and the top-1 drop (a fraction) of its single-unit ablation.
     */
    public record Unit(int unit, double u, double pValue, double log10P, boolean clamped, double top1Drop) {
    }

    /** How many units' p-values underflowed and were clamped. */
    public int clamped() {
        return (int) units.stream().filter(Unit::clamped).count();
    }
}
