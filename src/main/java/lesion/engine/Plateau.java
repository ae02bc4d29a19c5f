package lesion.engine;

import java.util.Locale;

/**
 * Stops recovery when top-5 has stopped improving: {@code until plateau min A epochs delta D% patience P max M epochs}.
 *
 * <p>With {@code top5[0]} the top-5 accuracy right after the ablation and {@code top5[e]} after epoch e (see
 * {@link StopRule#shouldStop}), training stops after epoch e (e &ge; 1) when
 * <ul>
 *   <li>{@code e >= maxEpochs}; or
 *   <li>{@code e >= minEpochs} and {@code e >= patience} and {@code top5[e]} is less than {@code deltaPoints}
 *       percentage points above {@code max(top5[0..e-patience])}, the best top-5 of the epochs before the last
 *       {@code patience} ones (epoch 0, the damaged network, included).
 * </ul>
 * So the last {@code patience} epochs must together lift top-5 by at least {@code deltaPoints} points over the best
 * before them, or training stops; a drop in the last epoch counts against the rule even if an earlier epoch of the
 * window was better. Improvements are compared in percentage points with a tolerance of 1e-9 points, so that an
 * improvement of exactly {@code deltaPoints} (e.g. one image in 1,000 for 0.1) is not lost to rounding. The paper's
 * iterative experiment is {@code plateau(5, 0.05, 2, M)}: at least 5 epochs, stop when top-5 improved by less than
 * 0.05 points over 2 epochs.
 */
public record Plateau(int minEpochs, double deltaPoints, int patience, int maxEpochs) implements StopRule {

    /** Improvements within this many percentage points of {@code deltaPoints} count as reaching it. */
    static final double TOLERANCE_POINTS = 1e-9;

    public Plateau {
        if (minEpochs < 0) {
            throw new IllegalArgumentException("min epochs must not be negative: " + minEpochs);
        }
        if (maxEpochs < 1 || maxEpochs < minEpochs) {
            throw new IllegalArgumentException("max epochs must be at least 1 and at least min epochs (" + minEpochs
                    + "): " + maxEpochs);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1 epoch: " + patience);
        }
        if (!(deltaPoints >= 0) || Double.isInfinite(deltaPoints)) {
            throw new IllegalArgumentException("delta must be a non-negative number of percentage points: "
                    + deltaPoints);
        }
    }

    @Override
    public boolean shouldStop(double[] top5) {
        int e = top5.length - 1;
        if (e >= maxEpochs) {
            return true;
        }
        if (e < 1 || e < minEpochs || e < patience) {
            return false;
        }
        double best = top5[0];
        for (int i = 1; i <= e - patience; i++) {
            best = Math.max(best, top5[i]);
        }
        double improvedPoints = 100 * (top5[e] - best);
        return improvedPoints < deltaPoints - TOLERANCE_POINTS;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "until plateau min %d epochs delta %s%% patience %d max %d epochs", minEpochs,
                Double.toString(deltaPoints), patience, maxEpochs);
    }
}
