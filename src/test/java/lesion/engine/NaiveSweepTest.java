package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

/** {@link NaiveSweep}, the benchmark's yardstick, scores exactly as the tests' oracles and leaves the network alone. */
class NaiveSweepTest {

    @Test
    void mlpEqualsOracleAndLeavesTheNetworkUnchanged() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TrainSpec.adam(2, 32, 0.005, 7))
                .trained();
        Dataset data = TestData.small();
        List<int[]> variants = new ArrayList<>(TestData.each(20));
        variants.addAll(TestData.pairs(20).subList(0, 40));
        String before = net.paramsSha256();
        List<Scores> naive = new NaiveSweep().run(net, data, 0, variants);
        assertEquals(before, net.paramsSha256(), "the naive sweep must work on a copy");
        List<Scores> oracle = OracleSweep.run(net, data, 0, variants, net.evaluationChunkRows());
        assertEquals(oracle, naive);
        // the copy's weights are restored after every variant: the empty variant is the baseline
        assertEquals(net.evaluate(data), new NaiveSweep().run(net, data, 0, List.of(new int[0])).get(0));
    }

    @Test
    void cnnEqualsOracleOnAFewFilters() {
        Network net = Trainer.untrained(TestData.tinyVgg(), 3);
        Dataset data = TestData.mnist().limit(1, 40);
        // not the last filter: the oracle zeroes through NDArrayIndex views, which ND4J 1.0.0-M2.1 gets wrong there
        // (see ZeroedWeights); NaiveSweep zeroes as recovery does and has no such limit
        List<int[]> variants = List.of(new int[] {0}, new int[] {1, 2}, new int[] {0, 2});
        String before = net.paramsSha256();
        for (int layer : new int[] {0, 3}) {
            List<Scores> naive = new NaiveSweep().run(net, data, layer, variants);
            List<Scores> oracle = OracleCnnSweep.run(net, data, layer, layer, Ablation.ZERO, variants,
                    net.evaluationChunkRows(), null);
            assertEquals(oracle, naive, "layer " + layer);
        }
        assertEquals(before, net.paramsSha256());
    }
}
