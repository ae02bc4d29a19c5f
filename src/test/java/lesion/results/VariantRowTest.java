package lesion.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VariantRowTest {
    // 6 samples, 3 classes: labels 0 0 1 1 2 2
    static final int[] LABELS = {0, 0, 1, 1, 2, 2};
    // baseline right on 0, 1, 2, 4 (4 of 6); wrong on 3 and 5
    static final Scores BASELINE = Fixtures.scores(3, LABELS, new int[] {0, 0, 1, 0, 2, 1});
    // variant: sample 1 and 4 turn wrong, sample 3 turns right; top-5 loses sample 0
    static final Scores VARIANT = Fixtures.scores(3, LABELS, new int[] {0, 2, 1, 1, 0, 1}, 0);

    @Test
    void countsImagesThatChangedFate() {
        VariantRow row = VariantRow.of("2", 1, "dense_1", new int[] {3, 7}, BASELINE, VARIANT);
        assertArrayEquals(new int[] {1, 4}, row.newlyWrongSamples());
        assertArrayEquals(new int[] {3}, row.newlyRightSamples());
        assertEquals(2, row.newlyWrong());
        assertEquals(1, row.newlyRight());
        assertEquals("3+7", row.unitsText());
    }

    @Test
    void overallAndPerClassDropsAreBaselineMinusVariant() {
        VariantRow row = VariantRow.of("2", 1, "dense_1", new int[] {3}, BASELINE, VARIANT);
        assertEquals(3.0 / 6, row.top1(), 1e-12);
        assertEquals(4.0 / 6 - 3.0 / 6, row.top1Drop(), 1e-12);
        assertEquals(5.0 / 6, row.top5(), 1e-12);
        assertEquals(1.0 / 6, row.top5Drop(), 1e-12);
        // class 0: 2/2 -> 1/2; class 1: 1/2 -> 2/2 (a gain); class 2: 1/2 -> 0/2
        assertArrayEquals(new double[] {0.5, 1.0, 0.0}, row.perClassTop1(), 1e-12);
        assertArrayEquals(new double[] {0.5, -0.5, 0.5}, row.perClassTop1Drop(), 1e-12);
    }

    @Test
    void unchangedVariantHasExactlyZeroDrops() {
        VariantRow row = VariantRow.of("2", 1, "d", new int[] {0}, BASELINE, BASELINE);
        assertEquals(0.0, row.top1Drop());
        assertArrayEquals(new double[] {0, 0, 0}, row.perClassTop1Drop());
        assertEquals(0, row.newlyWrong() + row.newlyRight());
    }

    @Test
    void classWithoutTestImagesIsNaN() {
        Scores base = Fixtures.scores(4, LABELS, new int[] {0, 0, 1, 1, 2, 2});
        Scores variant = Fixtures.scores(4, LABELS, new int[] {0, 0, 1, 1, 2, 3});
        VariantRow row = VariantRow.of("2", 1, "d", new int[] {0}, base, variant);
        assertTrue(Double.isNaN(row.perClassTop1()[3]));
        assertTrue(Double.isNaN(row.perClassTop1Drop()[3]));
        assertEquals(0.5, row.perClassTop1Drop()[2], 1e-12);
    }

    @Test
    void refusesScoresOfDifferentTestSets() {
        Scores other = Fixtures.scores(3, new int[] {0, 0, 1, 1, 2, 0}, new int[] {0, 0, 1, 1, 2, 0});
        assertThrows(IllegalArgumentException.class, () -> VariantRow.of("2", 1, "d", new int[] {0}, BASELINE, other));
    }

    /** The one-pass computation agrees with the simple per-Scores methods (the oracle) on random data. */
    @Test
    void agreesWithScoresOnRandomData() {
        Random random = new Random(42);
        int n = 10_000;
        int classes = 10;
        int[] labels = new int[n];
        int[] p1 = new int[n];
        int[] p2 = new int[n];
        BitSet t1 = new BitSet();
        BitSet t2 = new BitSet();
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(classes);
            p1[i] = random.nextDouble() < 0.9 ? labels[i] : random.nextInt(classes);
            p2[i] = random.nextDouble() < 0.8 ? labels[i] : random.nextInt(classes);
            t1.set(i, random.nextDouble() < 0.98);
            t2.set(i, random.nextDouble() < 0.95);
        }
        Scores base = new Scores(classes, labels, p1, t1);
        Scores variant = new Scores(classes, labels, p2, t2);
        VariantRow row = VariantRow.of("1", 0, "x", new int[] {1}, base, variant);

        assertEquals(variant.top1(), row.top1(), 1e-12);
        assertEquals(variant.top5(), row.top5(), 1e-12);
        assertEquals(base.top1() - variant.top1(), row.top1Drop(), 1e-12);
        assertEquals(base.top5() - variant.top5(), row.top5Drop(), 1e-12);
        double[] b = base.perClassTop1();
        double[] v = variant.perClassTop1();
        for (int c = 0; c < classes; c++) {
            assertEquals(v[c], row.perClassTop1()[c], 1e-12);
            assertEquals(b[c] - v[c], row.perClassTop1Drop()[c], 1e-12);
        }
        BitSet wrong = base.top1CorrectSet();
        wrong.andNot(variant.top1CorrectSet());
        BitSet right = variant.top1CorrectSet();
        right.andNot(base.top1CorrectSet());
        assertArrayEquals(wrong.stream().toArray(), row.newlyWrongSamples());
        assertArrayEquals(right.stream().toArray(), row.newlyRightSamples());
    }
}
