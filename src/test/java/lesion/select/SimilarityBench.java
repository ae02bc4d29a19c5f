package lesion.select;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import lesion.plan.SelectionPlan;

/**
 * Times {@code groups 1%, 5%, 10%, 25% by similarity} on 512 filters of 3×3×512 weights (VGG-19's
 * widest convolutions), split into its stages, against a one-accumulator distance loop measured in
 * the same run; then the same with {@code sample 5}, the Mann-Whitney p-values and the magnitude
 * order of that layer; in CPU seconds of the thread. Not a test: run it with
 * {@code java -cp target/classes:target/test-classes:<commons-math3.jar> lesion.select.SimilarityBench}.
 */
public final class SimilarityBench {
    private SimilarityBench() {
    }

    public static void main(String[] args) {
        int n = 512;
        int m = 4608;
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        float[][] w = SimilarityGroupsTest.randomWeights(n, m, 5);
        SelectionPlan.Similar sel = new SelectionPlan.Similar(List.of(1.0, 5.0, 10.0, 25.0),
                new int[] {5, 26, 51, 128}, n, false);
        SelectionPlan.Similar sampled = new SelectionPlan.Similar(List.of(1.0, 5.0, 10.0, 25.0),
                new int[] {5, 26, 51, 128}, 5, true);
        float[][] w0 = SimilarityGroupsTest.randomWeights(n, m, 6);
        SeedScope scope = SeedScope.of(2019, 33);
        for (int r = 0; r < rounds; r++) {
            long t0 = now();
            double[][] unit = SimilarityGroups.normalised(w);
            long t1 = now();
            double[][] d = SimilarityGroups.distances(unit);
            long t2 = now();
            double[][] plain = plainDistances(unit);
            long t3 = now();
            SimilarityGroups.choose(sel, w, scope);
            long t4 = now();
            SimilarityGroups.choose(sampled, w, scope);
            long t5 = now();
            MannWhitneyRanking.pValues(w0, w);
            long t6 = now();
            MagnitudeRanking.order(w);
            long t7 = now();
            if (Math.abs(plain[1][2] - d[1][2]) > 1e-12) {
                throw new AssertionError("the two distance loops disagree");
            }
            System.out.printf(Locale.ROOT,
                    "round %d: normalise %.3f s, distances %.3f s (one accumulator %.3f s, %.2fx), whole choose %.3f s%n",
                    r + 1, sec(t1 - t0), sec(t2 - t1), sec(t3 - t2), (double) (t3 - t2) / (t2 - t1), sec(t4 - t3));
            System.out.printf(Locale.ROOT, "         sample 5 %.3f s, mannwhitney p-values %.3f s, magnitude %.3f s%n",
                    sec(t5 - t4), sec(t6 - t5), sec(t7 - t6));
        }
    }

    private static double[][] plainDistances(double[][] v) {
        int n = v.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < v[i].length; k++) {
                    double x = v[i][k] - v[j][k];
                    s += x * x;
                }
                d[i][j] = Math.sqrt(s);
                d[j][i] = d[i][j];
            }
        }
        return d;
    }

    // CPU time of this thread: on a shared machine wall time mostly measures the neighbours
    private static long now() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
