package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScorerTest {

    @Test
    void predictsTheBestClassAndChecksTheTopFive() {
        float[][] scores = {
            {0.0f, 0.1f, 0.9f, 0f, 0f, 0f, 0f},          // clear winner 2
            {0.3f, 0.3f, 0.1f, 0f, 0f, 0f, 0f},          // tie: lowest index 0 wins
            {0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.05f, 0.0f}, // label 5 is sixth: not in top 5
            {0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 0.05f, 0.0f}, // label 4 is fifth: in top 5
            {0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.0f},  // six-way tie: label 5 loses on index
            {0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.2f, 0.0f},  // label 4 wins the tie-break for fifth place
        };
        int[] labels = {2, 1, 5, 4, 5, 4};
        int[] predicted = new int[labels.length + 1];
        BitSet top5 = new BitSet();
        // offset 1: rows land at samples 1..6
        int[] shifted = new int[labels.length + 1];
        System.arraycopy(labels, 0, shifted, 1, labels.length);
        Scorer.score(Nd4j.create(scores), shifted, 1, predicted, top5);
        assertArrayEquals(new int[] {0, 2, 0, 0, 0, 0, 0}, predicted);
        BitSet expected = new BitSet();
        expected.set(1);
        expected.set(2);
        expected.set(4);
        expected.set(6);
        assertEquals(expected, top5);
    }

    @Test
    void acceptsColumnMajorInput() {
        float[][] scores = {{0.1f, 0.7f, 0.2f}, {0.6f, 0.3f, 0.1f}};
        int[] predicted = new int[2];
        BitSet top5 = new BitSet();
        Scorer.score(Nd4j.create(scores).dup('f'), new int[] {1, 2}, 0, predicted, top5);
        assertArrayEquals(new int[] {1, 0}, predicted);
        assertEquals(2, top5.cardinality(), "with three classes every label is in the top five");
    }

    @Test
    void onLogitsTheRankingIsTheRealOneWhereSoftmaxUnderflows() {
        // ranked by logit: class 0, 9, 8, 7, 6, 5, 4, 3, 2, 1; classes 1..8 lie more than 104 below the maximum
        float[] logits = {200, -7, -6, -5, -4, -3, -2, -1, 0, 150};
        int[] labels = {1, 8, 9};
        INDArray rows = Nd4j.create(new float[][] {logits, logits, logits});
        // DL4J's own softmax (in place, as its output layer applies it): classes 1..8 become exactly 0 and tie
        INDArray probs = new ActivationSoftmax().getActivation(rows.dup(), false);
        for (int c = 1; c <= 8; c++) {
            assertEquals(0f, probs.getFloat(0, c), "class " + c);
        }
        BitSet onProbs = new BitSet();
        Scorer.score(probs, labels, 0, new int[3], onProbs);
        // the index breaks the tie: label 1 (tenth by logit) is counted in, label 8 (third) out
        assertTrue(onProbs.get(0));
        assertFalse(onProbs.get(1));

        int[] predicted = new int[3];
        BitSet onLogits = new BitSet();
        Scorer.score(rows, labels, 0, predicted, onLogits);
        assertArrayEquals(new int[] {0, 0, 0}, predicted);
        assertFalse(onLogits.get(0), "label 1 ranks tenth");
        assertTrue(onLogits.get(1), "label 8 ranks third");
        assertTrue(onLogits.get(2), "label 9 ranks second");
    }

    @Test
    void aNaNRowIsWrongForBoth() {
        float[][] logits = {{1f, Float.NaN, 0f}, {3f, 2f, 1f}};
        int[] predicted = new int[2];
        BitSet top5 = new BitSet();
        Scorer.score(Nd4j.create(logits), new int[] {0, 0}, 0, predicted, top5);
        assertArrayEquals(new int[] {-1, 0}, predicted);
        assertFalse(top5.get(0), "a NaN row is not in the top five even with only three classes");
        assertTrue(top5.get(1));
    }
}
