package lesion.bench;

import java.util.List;
import lesion.results.Scores;

/**
 * Whether two sweeps of the same variants agree: for every variant, the same number of top-1 and of top-5 correct
 * test images. Differences are reported, not hidden: another order of summation changes the last bits of the
 * logits, which can flip an image whose top logits nearly tie. {@code largestDifference} is the most images by
 * which any variant's top-1 or top-5 count differs.
 */
record Agreement(int agreeing, int variants, int largestDifference) {

    static Agreement of(List<Scores> a, List<Scores> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("the sweeps have " + a.size() + " and " + b.size() + " variants");
        }
        int agreeing = 0;
        int largest = 0;
        for (int v = 0; v < a.size(); v++) {
            int top1 = Math.abs(a.get(v).top1CorrectSet().cardinality() - b.get(v).top1CorrectSet().cardinality());
            int top5 = Math.abs(a.get(v).top5Correct().cardinality() - b.get(v).top5Correct().cardinality());
            if (top1 == 0 && top5 == 0) {
                agreeing++;
            }
            largest = Math.max(largest, Math.max(top1, top5));
        }
        return new Agreement(agreeing, a.size(), largest);
    }

    /** e.g. {@code 210/210 variants}, or {@code 208/210 variants (largest difference: 1 image)}. */
    String text() {
        String s = agreeing + "/" + variants + " variants";
        return agreeing == variants ? s
                : s + " (largest difference in top-1 or top-5 correct: " + largestDifference + " image"
                        + (largestDifference == 1 ? "" : "s") + ")";
    }
}
