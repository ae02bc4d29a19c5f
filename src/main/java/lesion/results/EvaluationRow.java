package lesion.results;

import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code evaluate} reports for one network: top-1 and top-5 accuracy (fractions), top-1
 * per class (NaN for a class without test images), how many test images it gets right (top-1)
 * out of how many, and which ones it gets wrong.
 *
 * @param wrongSamples indices of the test images whose top-1 answer is wrong, ascending
 * @param perClassSamples test images per class (by true label); with {@code perClassRight} it lets a reader of the
 *     files split a class into images still right, newly wrong and newly right under a variant
 * @param perClassRight test images per class whose top-1 answer is right
 */
public record EvaluationRow(double top1, double top5, double[] perClassTop1, int right, int samples,
        int[] wrongSamples, int[] perClassSamples, int[] perClassRight) {

    public static EvaluationRow of(Scores scores) {
        int n = scores.size();
        int[] labels = scores.labels();
        int[] predicted = scores.predicted();
        int[] wrong = new int[n];
        int wrongCount = 0;
        int[] classSamples = new int[scores.numClasses()];
        int[] classRight = new int[scores.numClasses()];
        for (int i = 0; i < n; i++) {
            classSamples[labels[i]]++;
            if (predicted[i] != labels[i]) {
                wrong[wrongCount++] = i;
            } else {
                classRight[labels[i]]++;
            }
        }
        int right = n - wrongCount;
        return new EvaluationRow(n == 0 ? 0 : (double) right / n, scores.top5(), scores.perClassTop1(), right, n,
                Arrays.copyOf(wrong, wrongCount), classSamples, classRight);
    }

    public int numClasses() {
        return perClassTop1.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationRow r && Double.compare(r.top1, top1) == 0 && Double.compare(r.top5, top5) == 0
                && Arrays.equals(r.perClassTop1, perClassTop1) && r.right == right && r.samples == samples
                && Arrays.equals(r.wrongSamples, wrongSamples) && Arrays.equals(r.perClassSamples, perClassSamples)
                && Arrays.equals(r.perClassRight, perClassRight);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(top1) * 31 + right;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "EvaluationRow[top1=%.4f, top5=%.4f, right=%d of %d]", top1, top5, right,
                samples);
    }
}
