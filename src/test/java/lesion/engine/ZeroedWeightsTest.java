package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Every unit of a conv, a later conv and a dense layer of a VGG-19-BN can be zeroed into the weights, the others
 * left as they were. The last filter of features.3 once failed: ND4J 1.0.0-M2.1 gives a view without data for
 * some sub-ranges of a parameter view, and the first real recovery study stopped on it.
 */
class ZeroedWeightsTest {
    @Test
    void everyUnitOfConvAndDenseLayersZeroesExactlyItsOwnWeights() {
        Network net = TestData.trainedTinyVgg().trained();
        String before = net.paramsSha256();
        for (int layer : new int[] {0, 3, 49, 54}) {
            float[][] trained = Weights.incoming(net, layer);
            for (int u = 0; u < trained.length; u++) {
                float[][] zeroed = Weights.incoming(Recovery.damaged(net, layer, new int[] {u}, Ablation.ZERO), layer);
                for (int v = 0; v < trained.length; v++) {
                    if (v == u) {
                        assertArrayEquals(new float[trained[u].length], zeroed[u], "layer " + layer + " unit " + u);
                    } else {
                        assertArrayEquals(trained[v], zeroed[v], "layer " + layer + " unit " + v + " untouched");
                    }
                }
            }
        }
        assertEquals(before, net.paramsSha256(), "the trained network is not changed");
    }
}
