package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

/** {@code mask}, {@code mean} and {@code noise} in {@link UnitSweep}, against {@link OracleMethodSweep}. */
class MethodSweepTest {

    private static final TrainSpec TRAIN = TrainSpec.adam(2, 32, 0.005, 7);
    private static final List<Ablation> METHODS = List.of(Ablation.MASK, Ablation.MEAN, Ablation.noise(0.5, 11));

    private static Network net(String activation) {
        return TestData.trained(TestData.mlp(activation, true, 784, 20, 10, 10), TRAIN).trained();
    }

    private static List<int[]> eachAndPairs(int units) {
        List<int[]> variants = new ArrayList<>(TestData.each(units));
        variants.addAll(TestData.pairs(units));
        return variants;
    }

    /**
     * Fast path and oracle agree on every image of every single unit and every pair, except where the oracle's
     * logits tie to within rounding ({@link NearTies}), which must stay rare; returns the fast scores.
     */
    private static List<Scores> assertMatchesOracle(Network net, int layer, Ablation method) {
        Dataset data = TestData.small();
        List<int[]> variants = eachAndPairs(net.units(layer));
        String before = net.paramsSha256();
        List<Scores> fast = new UnitSweep().run(net, data, layer, method, variants);
        List<float[]> logits = new ArrayList<>();
        List<Scores> oracle = OracleMethodSweep.run(net, net, data, layer, method, variants, data.testSize(), logits);
        assertEquals(before, net.paramsSha256(), "neither path may leave the network changed");
        Scores baseline = net.evaluate(data);
        int changed = 0;
        int excused = 0;
        for (int v = 0; v < variants.size(); v++) {
            excused += NearTies.assertAgree(oracle.get(v), fast.get(v), logits.get(v),
                    method + " layer " + layer + " " + Arrays.toString(variants.get(v)));
            if (!fast.get(v).equals(baseline)) {
                changed++;
            }
        }
        assertTrue(changed > 0, method + " on layer " + layer + " changed no prediction at all");
        assertTrue(excused <= 3, excused + " near ties excused: too many to be rounding");
        return fast;
    }

    @Test
    void everyMethodMatchesTheOracleOnEveryLayer() {
        Network net = net("relu");
        for (Ablation method : METHODS) {
            for (int layer = 0; layer < 3; layer++) {
                assertMatchesOracle(net, layer, method);
            }
        }
    }

    @Test
    void sigmoidAndTanhNetworksMatchTheOracle() {
        for (Ablation method : METHODS) {
            assertMatchesOracle(net("sigmoid"), 0, method);
            assertMatchesOracle(net("tanh"), 1, method);
        }
    }

    @Test
    void singleHiddenLayerNetworkMatchesTheOracle() {
        // layer 0 is followed only by the output layer: the oracle uses that layer's own activate
        Network net = TestData.trained(TestData.mlp("relu", false, 784, 16, 10), TRAIN).trained();
        for (Ablation method : METHODS) {
            assertMatchesOracle(net, 0, method);
            assertMatchesOracle(net, 1, method);
        }
    }

    @Test
    void maskEqualsZeroForReluAndOnLogitsButNotForSigmoid() {
        Dataset data = TestData.small();
        Network relu = net("relu");
        for (int layer = 0; layer < 3; layer++) {
            // relu(0) = 0; on the output layer both set the logit to 0
            List<int[]> variants = eachAndPairs(relu.units(layer));
            assertEquals(new UnitSweep().run(relu, data, layer, Ablation.ZERO, variants),
                    new UnitSweep().run(relu, data, layer, Ablation.MASK, variants), "relu layer " + layer);
        }
        Network sigmoid = net("sigmoid");
        List<int[]> each = TestData.each(20);
        // zero leaves sigmoid(0) = 0.5 flowing on, mask sends 0
        assertNotEquals(new UnitSweep().run(sigmoid, data, 0, Ablation.ZERO, each),
                new UnitSweep().run(sigmoid, data, 0, Ablation.MASK, each));
        assertEquals(new UnitSweep().run(sigmoid, data, 2, Ablation.ZERO, each.subList(0, 10)),
                new UnitSweep().run(sigmoid, data, 2, Ablation.MASK, each.subList(0, 10)));
    }

    @Test
    void chunkedSweepMatchesChunkedOracle() {
        // 1,000 images in chunks of 300: the means cover all chunks and the noise runs on across them
        Network net = net("relu");
        Dataset data = TestData.small();
        UnitSweep chunked = new UnitSweep(ProgressListener.NONE, Cancellation.none(), 300);
        for (Ablation method : METHODS) {
            for (int layer : new int[] {0, 2}) {
                List<int[]> variants = eachAndPairs(net.units(layer));
                assertEquals(OracleMethodSweep.run(net, data, layer, method, variants, 300),
                        chunked.run(net, data, layer, method, variants), method + " layer " + layer);
            }
        }
    }

    @Test
    void noiseIsReproducibleAndDependsOnTheSeed() {
        Network net = net("relu");
        Dataset data = TestData.small();
        List<int[]> variants = TestData.each(20);
        List<Scores> first = new UnitSweep().run(net, data, 0, Ablation.noise(2, 5), variants);
        assertEquals(first, new UnitSweep().run(net, data, 0, Ablation.noise(2, 5), variants));
        assertNotEquals(first, new UnitSweep().run(net, data, 0, Ablation.noise(2, 6), variants));
        // a variant's noise depends on its index, not on the variants before it
        List<Scores> alone = new UnitSweep().run(net, data, 0, Ablation.noise(2, 5),
                List.of(new int[0], new int[0], new int[] {2}));
        assertEquals(first.get(2), alone.get(2));
    }

    @Test
    void noiseSeedsDifferPerVariantAndUnit() {
        Ablation noise = Ablation.noise(1, 42);
        assertNotEquals(noise.noiseSeed(0, 1), noise.noiseSeed(1, 0));
        assertNotEquals(noise.noiseSeed(0, 0), noise.noiseSeed(0, 1));
        assertNotEquals(noise.noiseSeed(0, 0), Ablation.noise(1, 43).noiseSeed(0, 0));
        assertEquals(noise.noiseSeed(3, 4), Ablation.noise(7, 42).noiseSeed(3, 4), "sigma does not enter the seed");
    }

    @Test
    void emptyVariantIsTheBaselineForEveryMethod() {
        Network net = net("sigmoid");
        Dataset data = TestData.small();
        Scores baseline = net.evaluate(data);
        for (Ablation method : METHODS) {
            for (int layer = 0; layer < 3; layer++) {
                assertEquals(baseline, new UnitSweep().run(net, data, layer, method, List.of(new int[0])).get(0));
            }
        }
    }

    @Test
    void rejectsBadMethods() {
        assertThrows(IllegalArgumentException.class, () -> Ablation.noise(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Ablation.noise(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Ablation.of("shuffle", 0, 0));
        assertEquals(Ablation.MASK, Ablation.of("mask", 0, 9));
        assertEquals(Ablation.noise(0.5, 9), Ablation.of("noise", 0.5, 9));
    }
}
