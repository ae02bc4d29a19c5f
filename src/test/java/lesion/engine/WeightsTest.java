package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A unit's row of incoming weights is its column of DL4J's [nIn, nOut] matrix. */
class WeightsTest {
    @Test
    void rowJHoldsTheWeightsIntoUnitJ() {
        Network net = Trainer.untrained(new MlpSpec(new int[] {784, 7, 10}, "relu", true), 3);
        float[][] rows = Weights.incoming(net, 1);
        INDArray w = net.dl4j().getParam("1_W");
        assertEquals(10, rows.length);
        assertEquals(7, rows[0].length);
        for (int j = 0; j < 10; j++) {
            for (int i = 0; i < 7; i++) {
                assertEquals(w.getFloat(i, j), rows[j][i], 0f);
            }
        }
    }
}
