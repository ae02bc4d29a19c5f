package lesion.select;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lesion.plan.SelectionPlan;

/**
 * {@code groups P% by similarity [sample K]}: each reference filter with its nearest filters.
 * Filters are compared by the euclidean distance between their weight vectors (a row of
 * {@code weights}: the filter's kernel over all input channels, or a dense unit's incoming
 * weights, flattened, bias excluded) after each is divided by its L2 norm, in double precision.
 * A zero vector stays zero: it is at distance exactly 1 from every other filter and 0 from another
 * zero filter. The group of a reference is the reference and its {@code count - 1} nearest other
 * filters, ties to the lower index, so a larger proportion's group contains a smaller one's.
 *
 * <p>Work: normalising is n·m, distances n²·m/2 (all references: a symmetric matrix of n² doubles)
 * or K·n·m (K sampled references: only their rows); memory n·m doubles for the normalised copy.
 * 512 filters of 4,608 weights take about 0.25 s of one core ({@code SimilarityBench} in the
 * tests), against 2.4 to 4.5 times as long for the plain loop, which the tests keep as the oracle.
 */
public final class SimilarityGroups {
    // rows compared with one other row at a time, and positions per pass over all rows (256
    // doubles of 512 rows is 1 MiB, about one core's L2 cache here)
    private static final int BLOCK = 4;
    private static final int CHUNK = 256;

    private SimilarityGroups() {
    }

    /**
     * The variants of {@code selection}: proportions in the order written, references ascending
     * within each, labelled {@code "reference R"}.
     */
    public static List<Chosen> choose(SelectionPlan.Similar selection, float[][] weights, SeedScope scope) {
        int n = weights.length;
        int[] references = references(selection, n, scope);
        int[] counts = selection.counts();
        int largest = 0;
        for (int c : counts) {
            if (c < 1 || c > n) {
                throw new IllegalArgumentException("cannot make groups of " + c + " of " + n + " units");
            }
            largest = Math.max(largest, c);
        }
        double[][] unit = normalised(weights);
        int[][] nearest = new int[references.length][];
        if (references.length == n) {
            double[][] d = distances(unit);
            for (int r = 0; r < n; r++) {
                nearest[r] = nearest(d[r], r, largest - 1);
            }
        } else {
            for (int i = 0; i < references.length; i++) {
                nearest[i] = nearest(distancesFrom(unit, references[i]), references[i], largest - 1);
            }
        }
        List<Chosen> out = new ArrayList<>(counts.length * references.length);
        for (int p = 0; p < counts.length; p++) {
            double percent = selection.percents().get(p);
            for (int i = 0; i < references.length; i++) {
                int ref = references[i];
                int[] group = new int[counts[p]];
                group[0] = ref;
                System.arraycopy(nearest[i], 0, group, 1, counts[p] - 1);
                Arrays.sort(group);
                out.add(new Chosen(group, "reference " + ref, p, percent, ref, 0));
            }
        }
        return out;
    }

    /**
     * The reference units, ascending: all {@code n} unless the selection samples, else a seeded
     * sample without replacement of {@code selection.references()} units, drawn as
     * {@link RandomGroups#subset} with the seed of {@code scope.key("references")}.
     */
    public static int[] references(SelectionPlan.Similar selection, int n, SeedScope scope) {
        if (!selection.sampled()) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        return RandomGroups.subset(scope.seed("references"), n, selection.references());
    }

    /** Each row divided by its L2 norm (computed in double precision); a zero row stays zero. */
    public static double[][] normalised(float[][] weights) {
        Ranking.requireFinite(weights, "weight");
        int m = weights.length == 0 ? 0 : weights[0].length;
        double[][] out = new double[weights.length][];
        for (int u = 0; u < weights.length; u++) {
            float[] w = weights[u];
            if (w.length != m) {
                throw new IllegalArgumentException("unit " + u + " has " + w.length + " weights, unit 0 has " + m);
            }
            double sq = 0;
            for (float x : w) {
                sq += (double) x * x;
            }
            double norm = Math.sqrt(sq);
            double[] v = new double[m];
            if (norm > 0) {
                for (int k = 0; k < m; k++) {
                    v[k] = w[k] / norm;
                }
            }
            out[u] = v;
        }
        return out;
    }

    /** The symmetric matrix of euclidean distances between rows; the diagonal is 0. */
    public static double[][] distances(double[][] vectors) {
        int n = vectors.length;
        int m = n == 0 ? 0 : vectors[0].length;
        boolean[] zero = zeros(vectors);
        // d[i][j], i < j, holds the running sum of squares until the last chunk of positions;
        // chunks of CHUNK positions of every row stay in the cache while all pairs use them
        double[][] d = new double[n][n];
        for (int k0 = 0; k0 < m; k0 += CHUNK) {
            int k1 = Math.min(m, k0 + CHUNK);
            int i = 0;
            for (; i + BLOCK <= n; i += BLOCK) {
                for (int j = i + 1; j < n; j++) {
                    addSquares(vectors, i, vectors[j], k0, k1, d, j);
                }
            }
            for (; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d[i][j] = addSquares(vectors[i], vectors[j], k0, k1, d[i][j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                set(d, i, j, distance(d[i][j], zero[i], zero[j]));
            }
        }
        return d;
    }

    private static void set(double[][] d, int i, int j, double x) {
        d[i][j] = x;
        d[j][i] = x;
    }

    /** The distances from row {@code from} to every row; equal to that row of {@link #distances}. */
    public static double[] distancesFrom(double[][] vectors, int from) {
        boolean[] zero = zeros(vectors);
        double[] d = new double[vectors.length];
        for (int j = 0; j < vectors.length; j++) {
            d[j] = j == from ? 0 : distance(sumOfSquares(vectors[from], vectors[j]), zero[from], zero[j]);
        }
        return d;
    }

    /** The euclidean distance between two vectors of equal length, as {@link #distances} computes it. */
    public static double distance(double[] a, double[] b) {
        return Math.sqrt(sumOfSquares(a, b));
    }

    private static boolean[] zeros(double[][] vectors) {
        boolean[] zero = new boolean[vectors.length];
        for (int u = 0; u < vectors.length; u++) {
            zero[u] = true;
            for (double x : vectors[u]) {
                if (x != 0) {
                    zero[u] = false;
                    break;
                }
            }
        }
        return zero;
    }

    // A normalised vector's length is 1 only up to rounding, so the distance from a zero vector
    // is set to exactly 1 (0 between two zero vectors): its ties then fall to the lower index as
    // documented instead of to rounding noise.
    private static double distance(double sumOfSquares, boolean aZero, boolean bZero) {
        if (aZero || bZero) {
            return aZero && bZero ? 0 : 1;
        }
        return Math.sqrt(sumOfSquares);
    }

    // Every pair's sum of squared differences runs over k in order, one running sum, whichever
    // kernel computes it and however the positions are chunked, and (a - b)² is (b - a)² exactly:
    // a pair's distance has the same bits from either side, in the matrix and in a single row.
    private static double addSquares(double[] a, double[] b, int k0, int k1, double s) {
        for (int k = k0; k < k1; k++) {
            double x = a[k] - b[k];
            s += x * x;
        }
        return s;
    }

    private static double sumOfSquares(double[] a, double[] b) {
        return addSquares(a, b, 0, a.length, 0);
    }

    // Rows from..from+3 against row j at once: row j is read once for four pairs and the four
    // running sums do not wait on each other. Adds to d[from + r][j] for the pairs with from + r < j.
    private static void addSquares(double[][] rows, int from, double[] b, int k0, int k1, double[][] d, int j) {
        double[] a0 = rows[from];
        double[] a1 = rows[from + 1];
        double[] a2 = rows[from + 2];
        double[] a3 = rows[from + 3];
        double s0 = d[from][j];
        double s1 = d[from + 1][j];
        double s2 = d[from + 2][j];
        double s3 = d[from + 3][j];
        for (int k = k0; k < k1; k++) {
            double bk = b[k];
            double x0 = a0[k] - bk;
            double x1 = a1[k] - bk;
            double x2 = a2[k] - bk;
            double x3 = a3[k] - bk;
            s0 += x0 * x0;
            s1 += x1 * x1;
            s2 += x2 * x2;
            s3 += x3 * x3;
        }
        // pairs with from + r >= j are not pairs of the upper triangle: leave those cells alone
        d[from][j] = s0;
        if (from + 1 < j) {
            d[from + 1][j] = s1;
        }
        if (from + 2 < j) {
            d[from + 2][j] = s2;
        }
        if (from + 3 < j) {
            d[from + 3][j] = s3;
        }
    }

    /** The {@code k} units other than {@code ref} nearest to it, nearest first, ties to the lower index. */
    static int[] nearest(double[] distances, int ref, int k) {
        double[] others = new double[distances.length - 1];
        int[] index = new int[distances.length - 1];
        for (int j = 0, i = 0; j < distances.length; j++) {
            if (j != ref) {
                others[i] = distances[j];
                index[i++] = j;
            }
        }
        int[] order = Ranking.ascending(others);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = index[order[i]];
        }
        return out;
    }
}
