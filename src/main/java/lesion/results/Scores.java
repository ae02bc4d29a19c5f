package lesion.results;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What one evaluation of one network (or one variant) on the test set gave, sample by sample:
 * the true label, the predicted class (-1 when the scores were NaN: no class won), and whether the
 * true label was among the five best.
 * Everything else (accuracies, per-class figures, fates against a baseline) derives from these.
 */
public record Scores(int numClasses, int[] labels, int[] predicted, BitSet top5Correct) {

    public Scores {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("labels and predictions differ in length");
        }
    }

    public int size() {
        return labels.length;
    }

    /** The samples whose top-1 prediction is right, as a bit set. */
    public BitSet top1CorrectSet() {
        BitSet out = new BitSet(labels.length);
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                out.set(i);
            }
        }
        return out;
    }

    public double top1() {
        return labels.length == 0 ? 0 : (double) top1CorrectSet().cardinality() / labels.length;
    }

    public double top5() {
        return labels.length == 0 ? 0 : (double) top5Correct.cardinality() / labels.length;
    }

    /** Top-1 accuracy per class (NaN for a class with no test samples). */
    public double[] perClassTop1() {
        int[] right = new int[numClasses];
        int[] total = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            total[labels[i]]++;
            if (predicted[i] == labels[i]) {
                right[labels[i]]++;
            }
        }
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            out[c] = total[c] == 0 ? Double.NaN : (double) right[c] / total[c];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scores s && s.numClasses == numClasses && Arrays.equals(s.labels, labels)
                && Arrays.equals(s.predicted, predicted) && s.top5Correct.equals(top5Correct);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(predicted) * 31 + top5Correct.hashCode();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "Scores[n=%d, top1=%.4f, top5=%.4f]", size(), top1(), top5());
    }
}
