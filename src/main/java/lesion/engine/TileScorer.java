package lesion.engine;

import java.util.BitSet;

/**
 * {@link Scorer}'s rules for a tile of logits stored class by class ({@code logits[c][s]}: class c of image s), in
 * loops the JIT turns into vector instructions, with {@link Scorer} itself deciding every image the fast loops
 * cannot settle.
 *
 * <p>Java's JIT (C2 in JDK 17) vectorises float arithmetic, {@code Math.max}, {@code Math.min} and {@code Math.abs}
 * over arrays, but not comparisons that produce an int, so the comparisons are written as float arithmetic that is
 * exact for finite floats: with gradual underflow, {@code d = x - y} is 0 exactly when x = y and positive exactly
 * when x > y, and scaling |d| by 2^150 (in two steps) lifts the smallest positive float to at least 1, so that
 * {@code min(max(d, 0)·2^150, 1)} is 1 for x > y and 0 otherwise, and {@code 1 - min(|d|·2^150, 1)} is 1 for x = y.
 * Sums of these over the classes are small exact integers.
 *
 * <p>Per image: m, the largest logit; the number of classes equal to m plus the number equal to the label's logit,
 * and the index sum of those equal to m; the number of classes above the label's logit. When m is NaN the image is
 * wrong for top-1 and top-5, as in {@link Scorer}. When exactly one class reaches m and only the label equals its
 * own logit, the prediction is that class and the label is in the top five when fewer than five classes are above
 * it: {@link Scorer}'s tie-breaking by class index has nothing to break. Anything else (ties, infinities, which make a difference NaN) goes to
 * {@link Scorer} for that image.
 */
final class TileScorer {

    private static final float UP1 = 0x1p126f;
    private static final float UP2 = 0x1p24f;

    private final float[] max;
    private final float[] ties;
    private final float[] maxIndexSum;
    private final float[] target;
    private final float[] above;
    private final float[] column;

    TileScorer(int tile, int classes) {
        max = new float[tile];
        ties = new float[tile];
        maxIndexSum = new float[tile];
        target = new float[tile];
        above = new float[tile];
        column = new float[classes];
    }

    /**
     * Scores images {@code 0..t-1} of the tile, which are test images {@code r0..r0+t-1}: their predictions into
     * {@code predicted[r0 + s]}, top-5 hits as bits r0+s of {@code top5} (the words of a {@link BitSet},
     * {@link BitSet#valueOf(long[])}).
     */
    void score(float[][] logits, int classes, int t, int[] labels, int r0, int[] predicted, long[] top5) {
        System.arraycopy(logits[0], 0, max, 0, t);
        for (int c = 1; c < classes; c++) {
            maxOf(max, logits[c], t);
        }
        java.util.Arrays.fill(ties, 0, t, 0);
        java.util.Arrays.fill(maxIndexSum, 0, t, 0);
        java.util.Arrays.fill(above, 0, t, 0);
        for (int s = 0; s < t; s++) {
            target[s] = logits[labels[r0 + s]][s];
        }
        for (int c = 0; c < classes; c++) {
            count(logits[c], c, max, target, ties, maxIndexSum, above, t);
        }
        for (int s = 0; s < t; s++) {
            int r = r0 + s;
            if (max[s] != max[s]) {
                predicted[r] = -1; // a NaN logit: no class wins, and the label is not in the top five
            } else if (ties[s] == 2) {
                // the maximum's own class and the label are the only classes equal to either
                predicted[r] = (int) maxIndexSum[s];
                top5[r >> 6] |= (above[s] < 5 ? 1L : 0L) << r;
            } else {
                for (int c = 0; c < classes; c++) {
                    column[c] = logits[c][s];
                }
                predicted[r] = Scorer.predicted(column, 0, classes);
                top5[r >> 6] |= (Scorer.inTopFive(column, 0, classes, labels[r]) ? 1L : 0L) << r;
            }
        }
    }

    private static void maxOf(float[] m, float[] v, int t) {
        for (int s = 0; s < t; s++) {
            m[s] = Math.max(m[s], v[s]); // NaN propagates: a row with a NaN has a NaN maximum
        }
    }

    /**
     * For class c's logits v: ties += [v = m] + [v = target], indexSum += c·[v = m], above += [v > target]. Each
     * image's max and target are some class's logit, so for finite logits ties is 2 exactly when one class has the
     * maximum and no other class equals the label's logit.
     */
    private static void count(float[] v, float c, float[] m, float[] target, float[] ties, float[] indexSum,
            float[] above, int t) {
        for (int s = 0; s < t; s++) {
            float x = v[s];
            float isMax = 1 - Math.min(Math.abs(x - m[s]) * UP1 * UP2, 1f);
            float d = x - target[s];
            ties[s] += isMax + (1 - Math.min(Math.abs(d) * UP1 * UP2, 1f));
            indexSum[s] += isMax * c;
            above[s] += Math.min(Math.max(d, 0f) * UP1 * UP2, 1f);
        }
    }
}
