package lesion.analysis;

import java.util.List;

/** {@link Redundancy} on one network's layer: one entry per pair ablation. */
public record RedundancyResult(int layer, String layerName, List<Pair> pairs) implements AnalysisResult {
    public RedundancyResult {
        pairs = List.copyOf(pairs);
    }

    /**
     * One pair (units {@code a} and {@code b}): its top-1 drop, the sum of the two single drops, the same per class
     * (fractions), and the test images lost only when both units are gone (ascending indices).
     */
    public record Pair(int a, int b, double pairDrop, double singlesSum, double[] perClassPairDrop,
            double[] perClassSinglesSum, int[] lostTogether) {
        /** Pair drop − sum of single drops: positive when the pair costs more than its units alone. */
        public double excess() {
            return pairDrop - singlesSum;
        }

        /** The excess on class {@code c}. */
        public double perClassExcess(int c) {
            return perClassPairDrop[c] - perClassSinglesSum[c];
        }
    }
}
