package lesion.engine;

import static org.junit.jupiter.api.Assertions.fail;

import lesion.results.Scores;

/**
 * Compares a fast path's scores with an oracle's where the two compute the same logits by different float
 * arithmetic ({@link DenseSweep} against DL4J): they must agree on every image except where the oracle's logits
 * tie to within rounding, that is, a wrong-looking prediction or top-5 verdict is accepted only when the two classes
 * that decide it lie within {@link #TOLERANCE} (relative to the image's largest logit, at least 1) in the oracle.
 */
final class NearTies {

    /** Far above float rounding of sums over tens of terms, far below any margin a real error would leave. */
    static final double TOLERANCE = 1e-4;

    private NearTies() {
    }

    /**
     * Fails unless {@code fast} equals {@code oracle} except on near ties of {@code logits} (the oracle's,
     * row-major [image][class]); returns how many images were excused.
     */
    static int assertAgree(Scores oracle, Scores fast, float[] logits, String what) {
        int classes = oracle.numClasses();
        int excused = 0;
        for (int r = 0; r < oracle.size(); r++) {
            int base = r * classes;
            boolean samePrediction = oracle.predicted()[r] == fast.predicted()[r];
            boolean sameTop5 = oracle.top5Correct().get(r) == fast.top5Correct().get(r);
            if (samePrediction && sameTop5) {
                continue;
            }
            double scale = 1;
            for (int c = 0; c < classes; c++) {
                scale = Math.max(scale, Math.abs(logits[base + c]));
            }
            double tol = TOLERANCE * scale;
            boolean excuse = true;
            if (!samePrediction) {
                int a = oracle.predicted()[r];
                int b = fast.predicted()[r];
                excuse = a >= 0 && b >= 0 && Math.abs(logits[base + a] - logits[base + b]) <= tol;
            }
            if (!sameTop5) {
                int label = oracle.labels()[r];
                boolean tie = false;
                for (int c = 0; c < classes; c++) {
                    tie |= c != label && Math.abs(logits[base + c] - logits[base + label]) <= tol;
                }
                excuse &= tie;
            }
            if (!excuse) {
                fail(what + ": image " + r + " differs (predicted " + oracle.predicted()[r] + " by the oracle, "
                        + fast.predicted()[r] + " by the fast path) without a near tie in the oracle's logits");
            }
            excused++;
        }
        return excused;
    }
}
