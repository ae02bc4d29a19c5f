package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
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
}
