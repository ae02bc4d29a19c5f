package lesion.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import lesion.plan.SelectionPlan;
import org.junit.jupiter.api.Test;

/** Groups by similarity: each reference with its nearest filters by direction. */
class SimilarityGroupsTest {
    private static final SeedScope SCOPE = SeedScope.of(2019, 33);

    private static SelectionPlan.Similar all(int n, double[] percents, int[] counts) {
        return new SelectionPlan.Similar(Arrays.stream(percents).boxed().toList(), counts, n, false);
    }

    private static SelectionPlan.Similar sample(int k, double[] percents, int[] counts) {
        return new SelectionPlan.Similar(Arrays.stream(percents).boxed().toList(), counts, k, true);
    }

    @Test
    void eachReferenceIsGroupedWithItsNearestByDirectionNotLength() {
        float[][] w = {
            {1, 0},     // 0
            {10, 1},    // 1: ten times longer than 0, but nearly its direction
            {0, 1},     // 2
            {-1, 0},    // 3
        };
        // without normalising, 0's nearest would be 2 (distance 1.41) rather than 1 (distance 9.06)
        List<Chosen> chosen = SimilarityGroups.choose(all(4, new double[] {50}, new int[] {2}), w, SCOPE);
        assertEquals(4, chosen.size());
        assertArrayEquals(new int[] {0, 1}, chosen.get(0).units());
        assertArrayEquals(new int[] {0, 1}, chosen.get(1).units());
        assertArrayEquals(new int[] {1, 2}, chosen.get(2).units());
        assertArrayEquals(new int[] {2, 3}, chosen.get(3).units());
        for (int r = 0; r < 4; r++) {
            assertEquals(r, chosen.get(r).reference());
            assertEquals("reference " + r, chosen.get(r).label());
        }
    }

    @Test
    void theReferenceIsInItsGroupEvenWhenAnotherFilterIsIdentical() {
        float[][] w = {{1, 0}, {1, 0}, {0, 1}};
        List<Chosen> chosen = SimilarityGroups.choose(all(3, new double[] {1, 67}, new int[] {1, 2}), w, SCOPE);
        assertArrayEquals(new int[] {0}, chosen.get(0).units());
        assertArrayEquals(new int[] {1}, chosen.get(1).units());
        assertArrayEquals(new int[] {2}, chosen.get(2).units());
        assertArrayEquals(new int[] {0, 1}, chosen.get(3).units());
        assertArrayEquals(new int[] {0, 1}, chosen.get(4).units());
        assertArrayEquals(new int[] {0, 2}, chosen.get(5).units(), "2 is equally far from 0 and 1: the lower index");
    }

    @Test
    void aZeroFilterStaysZeroAtDistanceOneFromEveryOther() {
        float[][] w = {{3, 0}, {0, 2}, {0, 0}, {0, -5}};
        double[][] d = SimilarityGroups.distances(SimilarityGroups.normalised(w));
        assertEquals(1.0, d[2][0], 1e-12);
        assertEquals(1.0, d[2][1], 1e-12);
        assertEquals(1.0, d[2][3], 1e-12);
        assertEquals(Math.sqrt(2), d[0][1], 1e-12);
        List<Chosen> chosen = SimilarityGroups.choose(all(4, new double[] {50}, new int[] {2}), w, SCOPE);
        assertArrayEquals(new int[] {0, 2}, chosen.get(0).units(), "the zero filter is nearer than any other direction");
        assertArrayEquals(new int[] {0, 2}, chosen.get(2).units(), "all at distance 1 from the zero filter: the lowest");
    }

    @Test
    void variantsComeByProportionThenReferenceAscending() {
        float[][] w = randomWeights(10, 6, 1);
        List<Chosen> chosen = SimilarityGroups.choose(all(10, new double[] {30, 10}, new int[] {3, 1}), w, SCOPE);
        assertEquals(20, chosen.size());
        for (int i = 0; i < 20; i++) {
            Chosen c = chosen.get(i);
            assertEquals(i / 10, c.proportionIndex());
            assertEquals(i % 10, c.reference());
            assertEquals(i < 10 ? 3 : 1, c.count());
            assertTrue(Arrays.binarySearch(c.units(), c.reference()) >= 0, "the reference is in its group: " + c);
        }
    }

    @Test
    void aLargerProportionsGroupContainsTheSmallerOnes() {
        float[][] w = randomWeights(40, 9, 2);
        List<Chosen> chosen = SimilarityGroups.choose(all(40, new double[] {10, 25}, new int[] {4, 10}), w, SCOPE);
        for (int r = 0; r < 40; r++) {
            int[] big = chosen.get(40 + r).units();
            for (int u : chosen.get(r).units()) {
                assertTrue(Arrays.binarySearch(big, u) >= 0, "reference " + r + ": " + u);
            }
        }
    }

    @Test
    void sampledReferencesAreDistinctAscendingSeededAndSharedByTheProportions() {
        float[][] w = randomWeights(30, 5, 3);
        SelectionPlan.Similar sel = sample(7, new double[] {10, 20}, new int[] {3, 6});
        List<Chosen> chosen = SimilarityGroups.choose(sel, w, SCOPE);
        assertEquals(14, chosen.size());
        int[] refs = chosen.stream().limit(7).mapToInt(Chosen::reference).toArray();
        for (int i = 1; i < refs.length; i++) {
            assertTrue(refs[i - 1] < refs[i], Arrays.toString(refs));
        }
        assertArrayEquals(refs, chosen.stream().skip(7).mapToInt(Chosen::reference).toArray());
        assertArrayEquals(refs, SimilarityGroups.references(sel, 30, SCOPE));
        assertEquals(chosen, SimilarityGroups.choose(sel, w, SCOPE), "the same seed gives the same variants");
        assertNotEquals(Arrays.toString(refs),
                Arrays.toString(SimilarityGroups.references(sel, 30, SeedScope.of(2020, 33))), "another seed");
        assertNotEquals(Arrays.toString(refs),
                Arrays.toString(SimilarityGroups.references(sel, 30, SCOPE.inPass(1))), "another pass");
        // a sampled reference's group is the one it has when every filter is a reference
        List<Chosen> every = SimilarityGroups.choose(all(30, new double[] {10, 20}, new int[] {3, 6}), w, SCOPE);
        for (Chosen c : chosen) {
            assertArrayEquals(every.get(c.proportionIndex() * 30 + c.reference()).units(), c.units());
        }
    }

    @Test
    void groupsAgreeWithAPlainComputation() {
        // 60 × 27: whole blocks of four rows; 23 × 600: a remainder of rows and several chunks of positions
        for (int[] shape : new int[][] {{60, 27}, {23, 600}}) {
            int n = shape[0];
            float[][] w = randomWeights(n, shape[1], 4);
            w[5] = new float[shape[1]];
            w[n - 2] = new float[shape[1]];
            w[17] = w[3].clone();
            int[] counts = {1, 2, 6, 15};
            List<Chosen> chosen = SimilarityGroups.choose(all(n, new double[] {1, 5, 10, 25}, counts), w, SCOPE);
            for (int p = 0; p < counts.length; p++) {
                for (int r = 0; r < n; r++) {
                    assertArrayEquals(plainGroup(w, r, counts[p]), chosen.get(p * n + r).units(),
                            n + " filters, reference " + r + ", " + counts[p]);
                }
            }
            double[][] unit = SimilarityGroups.normalised(w);
            double[][] d = SimilarityGroups.distances(unit);
            for (int r = 0; r < n; r++) {
                assertArrayEquals(d[r], SimilarityGroups.distancesFrom(unit, r), "row " + r + " has the same bits");
                for (int j = 0; j < n; j++) {
                    assertEquals(d[r][j], d[j][r]);
                }
            }
        }
    }

    @Test
    void fiveHundredTwelveFiltersOfFourThousandWeightsTakeWellUnderASecond() {
        float[][] w = randomWeights(512, 4608, 5);
        SelectionPlan.Similar sel = all(512, new double[] {1, 5, 10, 25}, new int[] {5, 26, 51, 128});
        SimilarityGroups.choose(sel, w, SCOPE); // warm up the JIT
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        List<Chosen> chosen = SimilarityGroups.choose(sel, w, SCOPE);
        double seconds = (threads.getCurrentThreadCpuTime() - start) / 1e9;
        assertEquals(4 * 512, chosen.size());
        // about 0.25 s of CPU on this machine (SimilarityBench); CPU time, because the cores are shared
        assertTrue(seconds < 1.0, seconds + " s");
    }

    /** The rule written out plainly: normalise, measure every distance, sort by (distance, index). */
    private static int[] plainGroup(float[][] w, int ref, int count) {
        int n = w.length;
        double[][] v = new double[n][];
        for (int u = 0; u < n; u++) {
            double norm = 0;
            for (float x : w[u]) {
                norm += (double) x * x;
            }
            norm = Math.sqrt(norm);
            v[u] = new double[w[u].length];
            for (int k = 0; k < w[u].length; k++) {
                v[u][k] = norm == 0 ? 0 : w[u][k] / norm;
            }
        }
        List<Integer> others = new ArrayList<>();
        double[] dist = new double[n];
        for (int u = 0; u < n; u++) {
            double s = 0;
            for (int k = 0; k < v[u].length; k++) {
                s += (v[u][k] - v[ref][k]) * (v[u][k] - v[ref][k]);
            }
            boolean zeroU = Arrays.stream(v[u]).allMatch(x -> x == 0);
            boolean zeroRef = Arrays.stream(v[ref]).allMatch(x -> x == 0);
            // the documented rule: a zero filter is at distance exactly 1 from every other direction
            dist[u] = zeroU || zeroRef ? (zeroU && zeroRef ? 0 : 1) : Math.sqrt(s);
            if (u != ref) {
                others.add(u);
            }
        }
        others.sort(Comparator.<Integer>comparingDouble(u -> dist[u]).thenComparing(u -> u));
        int[] group = new int[count];
        group[0] = ref;
        for (int i = 1; i < count; i++) {
            group[i] = others.get(i - 1);
        }
        Arrays.sort(group);
        return group;
    }

    static float[][] randomWeights(int n, int m, long seed) {
        Random random = new Random(seed);
        float[][] w = new float[n][m];
        for (float[] row : w) {
            for (int k = 0; k < m; k++) {
                row[k] = (float) random.nextGaussian();
            }
        }
        return w;
    }
}
