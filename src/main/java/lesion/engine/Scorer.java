package lesion.engine;

import java.util.BitSet;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a block of class scores into predictions and top-5 hits, with one fixed rule for ties.
 *
 * <p>Every caller passes the output layer's logits (its pre-activation, before softmax), never the probabilities:
 * softmax is monotonic, so the ranking is the same wherever the probabilities are distinct, but in float32 a class
 * whose logit lies more than about 104 below the largest gets a probability of exactly 0 (from about 87 below, a
 * subnormal one with few bits left), so a confident network's unlikely classes tie and the rule below would rank
 * them by class index instead of by logit, wrongly counting a low-indexed true label in the top five or a
 * high-indexed one out. On logits a tie is a true tie (an ablated output unit, for example, has logit 0).
 */
final class Scorer {

    private Scorer() {
    }

    /**
     * Scores rows of {@code scores} ([rows, classes], logits) for samples {@code offset..offset+rows-1}. Ties (equal
     * floats, which on logits are true ties) are broken by class index: the prediction is the lowest-indexed
     * maximum, and a class counts as ahead of the true label if its score is higher, or equal with a lower index;
     * top-5 holds when fewer than 5 classes are ahead. A row with a NaN score is wrong for both (predicted class
     * -1).
     */
    static void score(INDArray scores, int[] labels, int offset, int[] predicted, BitSet top5) {
        INDArray s = scores;
        if (s.ordering() != 'c' || s.isView() || s.data().length() != s.length()) {
            s = s.dup('c');
        }
        // a Java pass over rows x classes floats is far cheaper than the matrix products that produced them
        float[] v = s.data().asFloat();
        int rows = (int) s.rows();
        int classes = (int) s.columns();
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            int label = labels[offset + r];
            predicted[offset + r] = predicted(v, base, classes);
            if (inTopFive(v, base, classes, label)) {
                top5.set(offset + r);
            }
        }
    }

    /**
     * The prediction for the scores {@code v[base..base+classes)}: the lowest-indexed maximum, or -1 when a score is
     * NaN (no class can be said to win).
     */
    static int predicted(float[] v, int base, int classes) {
        if (hasNaN(v, base, classes)) {
            return -1;
        }
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (v[base + c] > v[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * Whether {@code label} is among the top five of the scores {@code v[base..base+classes)}: fewer than 5 classes
     * score higher, or equal with a lower index. Never with a NaN score.
     */
    static boolean inTopFive(float[] v, int base, int classes, int label) {
        if (hasNaN(v, base, classes)) {
            return false;
        }
        float target = v[base + label];
        int ahead = 0;
        for (int c = 0; c < classes; c++) {
            float x = v[base + c];
            if (x > target || (x == target && c < label)) {
                ahead++;
            }
        }
        return ahead < 5;
    }

    private static boolean hasNaN(float[] v, int base, int classes) {
        for (int c = 0; c < classes; c++) {
            if (Float.isNaN(v[base + c])) {
                return true;
            }
        }
        return false;
    }
}
