package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileScorerTest {

    private static final int CLASSES = 10;

    /** Scores a tile with TileScorer and, image by image, with Scorer's own rules; both must agree exactly. */
    private static void assertSameAsScorer(float[][] logits, int[] labels, int t, int r0) {
        int[] predicted = new int[r0 + t];
        long[] words = new long[(r0 + t + 63) / 64];
        new TileScorer(logits[0].length, CLASSES).score(logits, CLASSES, t, labels, r0, predicted, words);
        BitSet top5 = BitSet.valueOf(words);
        float[] row = new float[CLASSES];
        for (int s = 0; s < t; s++) {
            for (int c = 0; c < CLASSES; c++) {
                row[c] = logits[c][s];
            }
            int r = r0 + s;
            assertEquals(Scorer.predicted(row, 0, CLASSES), predicted[r], "prediction of image " + r);
            assertEquals(Scorer.inTopFive(row, 0, CLASSES, labels[r]), top5.get(r), "top-5 of image " + r);
        }
        assertEquals(r0 + t, Math.max(r0 + t, top5.length()), "no bit beyond the tile");
    }

    @Test
    void agreesWithScorerOnRandomLogits() {
        Random g = new Random(7);
        int t = 256;
        float[][] logits = new float[CLASSES][t];
        int[] labels = new int[100 + t];
        for (int s = 0; s < t; s++) {
            for (int c = 0; c < CLASSES; c++) {
                logits[c][s] = (float) (g.nextGaussian() * 10);
            }
            labels[100 + s] = g.nextInt(CLASSES);
        }
        assertSameAsScorer(logits, labels, t, 100);
        assertSameAsScorer(logits, labels, 37, 100); // a partial tile
    }

    @Test
    void tiesInfinitiesNaNAndTinyDifferencesFollowScorersRules() {
        float tiny = Float.MIN_VALUE; // the smallest positive float: a difference the fast loops must still see
        float[][] cases = {
            {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, // a ten-way tie: class 0 wins, classes 0..4 are the top five
            {1, 3, 3, 0, 0, 0, 0, 0, 0, 0}, // the maximum tied between 1 and 2
            {5, 5, 5, 5, 5, 5, 1, 0, 0, 0}, // the label (5) tied with five classes before it: not in the top five
            {5, 5, 5, 5, 5, 5, 1, 0, 0, 0}, // the label (4) tied with four before it: in the top five
            {Float.NaN, 1, 0, 0, 0, 0, 0, 0, 0, 0},
            {Float.POSITIVE_INFINITY, 1, 0, 0, 0, 0, 0, 0, 0, 0},
            {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY, 0, 0, 0, 0, 0, 0, 0, 0},
            {Float.NEGATIVE_INFINITY, 1, 0, 0, 0, 0, 0, 0, 0, Float.NEGATIVE_INFINITY},
            {tiny, 0, 0, 0, 0, 0, 0, 0, 0, -tiny}, // 0 and tiny differ: 0 does not win
            {0, tiny, tiny, tiny, tiny, tiny, 0, 0, 0, 0}, // five classes just above the label 0
            {-0f, 0f, 0, 0, 0, 0, 0, 0, 0, 0}, // -0 equals 0
            {Float.MAX_VALUE, -Float.MAX_VALUE, 0, 0, 0, 0, 0, 0, 0, 0}, // differences overflow to infinity
        };
        int[] labels = {7, 2, 5, 4, 1, 0, 1, 9, 0, 0, 9, 1};
        float[][] logits = new float[CLASSES][cases.length];
        for (int s = 0; s < cases.length; s++) {
            for (int c = 0; c < CLASSES; c++) {
                logits[c][s] = cases[s][c];
            }
        }
        assertSameAsScorer(logits, labels, cases.length, 0);
        int[] predicted = new int[cases.length];
        long[] words = new long[1];
        new TileScorer(cases.length, CLASSES).score(logits, CLASSES, cases.length, labels, 0, predicted, words);
        // spelled out for the cases a reader checks by eye
        assertArrayEquals(new int[] {0, 1, 0, 0, -1, 0, 0, 1, 0, 1, 0, 0}, predicted);
        assertEquals(false, BitSet.valueOf(words).get(2));
        assertEquals(true, BitSet.valueOf(words).get(3));
        assertEquals(false, BitSet.valueOf(words).get(9));
    }
}
