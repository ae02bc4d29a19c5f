package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

class UnitSweepTest {

    private static final TrainSpec TRAIN = TrainSpec.adam(2, 32, 0.005, 7);

    /** Fast path and oracle agree exactly, variant by variant, on every single unit and every pair of a layer. */
    private static void assertSweepMatchesOracle(MlpSpec spec, int layer) {
        Network net = TestData.trained(spec, TRAIN).trained();
        Dataset data = TestData.small();
        int units = net.units(layer);
        List<int[]> variants = new ArrayList<>(TestData.each(units));
        variants.addAll(TestData.pairs(units));
        String before = net.paramsSha256();
        List<Scores> fast = new UnitSweep().run(net, data, layer, variants);
        List<Scores> oracle = OracleSweep.run(net, data, layer, variants);
        assertEquals(before, net.paramsSha256(), "neither path may leave the network changed");
        assertEquals(variants.size(), fast.size());
        Scores baseline = net.evaluate(data);
        int differentFromBaseline = 0;
        for (int v = 0; v < variants.size(); v++) {
            String what = spec + " layer " + layer + " variant " + java.util.Arrays.toString(variants.get(v));
            assertEquals(oracle.get(v), fast.get(v), what);
            if (!fast.get(v).equals(baseline)) {
                differentFromBaseline++;
            }
        }
        // guards against a sweep that silently ablates nothing
        assertTrue(differentFromBaseline > variants.size() / 2,
                "most ablations should change some prediction, only " + differentFromBaseline + " did");
    }

    @Test
    void firstHiddenLayerMatchesOracle() {
        assertSweepMatchesOracle(TestData.mlp("relu", true, 784, 20, 10, 10), 0);
    }

    @Test
    void lastHiddenLayerMatchesOracle() {
        assertSweepMatchesOracle(TestData.mlp("relu", true, 784, 20, 10, 10), 1);
    }

    @Test
    void outputLayerMatchesOracle() {
        assertSweepMatchesOracle(TestData.mlp("relu", true, 784, 20, 10, 10), 2);
    }

    @Test
    void withoutBiasAllLayersMatchOracle() {
        MlpSpec spec = TestData.mlp("relu", false, 784, 20, 10, 10);
        for (int layer = 0; layer < 3; layer++) {
            assertSweepMatchesOracle(spec, layer);
        }
    }

    @Test
    void otherActivationsMatchOracle() {
        assertSweepMatchesOracle(TestData.mlp("tanh", true, 784, 20, 10, 10), 0);
        assertSweepMatchesOracle(TestData.mlp("sigmoid", true, 784, 20, 10, 10), 1);
    }

    @Test
    void singleHiddenLayerNetworkMatchesOracle() {
        // here the first hidden layer is also the last one before the output
        MlpSpec spec = TestData.mlp("relu", true, 784, 16, 10);
        assertSweepMatchesOracle(spec, 0);
        assertSweepMatchesOracle(spec, 1);
    }

    @Test
    void emptyVariantIsTheBaseline() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        Scores baseline = new UnitSweep().baseline(net, data);
        for (int layer = 0; layer < 3; layer++) {
            assertEquals(baseline, new UnitSweep().run(net, data, layer, List.of(new int[0])).get(0));
        }
        assertTrue(baseline.top1() > 0.7, "baseline top-1 " + baseline.top1());
    }

    @Test
    void chunkedSweepMatchesChunkedOracle() {
        // 1,000 images in chunks of 300: three full chunks and one of 100
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        List<int[]> variants = new ArrayList<>(List.of(new int[0]));
        variants.addAll(TestData.each(20));
        UnitSweep chunked = new UnitSweep(ProgressListener.NONE, Cancellation.none(), 300);
        List<Scores> fast = chunked.run(net, data, 0, variants);
        assertEquals(Evaluator.evaluate(net.dl4j(), data, 300), fast.get(0));
        assertEquals(OracleSweep.run(net, data, 0, variants, 300), fast);
    }

    @Test
    void ablatingEveryOutputUnitLeavesOnlyTieBreaking() {
        // all logits zero, a true ten-way tie: the lowest class index wins and classes 0..4 are the top five
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        Scores s = new UnitSweep().run(net, data, 2, List.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})).get(0);
        for (int i = 0; i < s.size(); i++) {
            assertEquals(0, s.predicted()[i]);
            assertEquals(s.labels()[i] < 5, s.top5Correct().get(i));
        }
    }

    @Test
    void reportsProgressPerVariantAndStopsWhenCancelled() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        Cancellation cancel = new Cancellation();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void start(String task, long t, String unit) {
                total.set(t);
                assertEquals("variants", unit);
            }

            @Override
            public void advance(long n) {
                if (done.addAndGet(n) == 3) {
                    cancel.cancel();
                }
            }

            @Override
            public void finish() {
            }
        };
        UnitSweep sweep = new UnitSweep(listener, cancel);
        List<Integer> delivered = new ArrayList<>();
        assertThrows(CancelledException.class,
                () -> sweep.run(net, data, 0, TestData.each(20), (i, units, scores) -> delivered.add(i)));
        assertEquals(20, total.get());
        assertEquals(3, done.get(), "the sweep must stop right after the cancelled variant");
        assertEquals(List.of(0, 1, 2), delivered, "every variant reported as done reached the sink, no other");
    }

    @Test
    void sinkReceivesEachVariantInOrderAsTheOracleScoresIt() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        List<int[]> variants = new ArrayList<>(TestData.each(20));
        variants.addAll(TestData.pairs(20));
        List<Scores> oracle = OracleSweep.run(net, data, 0, variants);
        List<Integer> indices = new ArrayList<>();
        List<Scores> kept = new ArrayList<>();
        AtomicLong progressAtDelivery = new AtomicLong();
        AtomicLong advanced = new AtomicLong();
        ProgressListener counting = new ProgressListener() {
            @Override
            public void start(String task, long t, String unit) {
            }

            @Override
            public void advance(long n) {
                advanced.addAndGet(n);
            }

            @Override
            public void finish() {
            }
        };
        new UnitSweep(counting, Cancellation.none()).run(net, data, 0, variants, (i, units, scores) -> {
            assertSame(variants.get(i), units);
            // delivered before the sweep counts the variant done, and before the next one is computed
            assertEquals(i, advanced.get());
            progressAtDelivery.set(advanced.get());
            indices.add(i);
            kept.add(scores);
        });
        assertEquals(variants.size(), indices.size());
        for (int i = 0; i < indices.size(); i++) {
            assertEquals(i, indices.get(i));
        }
        // kept scores stay valid: the sweep reuses none of their arrays for later variants
        assertEquals(oracle, kept);
        assertEquals(variants.size() - 1, progressAtDelivery.get());
    }

    @Test
    void theJavaKernelAndTheNd4jPathScoreAlike() {
        // the ND4J path (DensePath) is the kernel's reference, and the one networks with other activations take
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        List<int[]> variants = new ArrayList<>(TestData.each(20));
        variants.addAll(TestData.pairs(20));
        UnitSweep sweep = new UnitSweep();
        for (Ablation method : List.of(Ablation.ZERO, Ablation.MASK, Ablation.MEAN)) {
            assertEquals(sweep.withoutJavaKernel().run(net, data, 0, method, variants),
                    sweep.run(net, data, 0, method, variants), method.toString());
        }
    }

    @Test
    void anActivationWithoutAJavaCounterpartTakesTheNd4jPath() {
        // elu has no DenseActivation: the sweep runs through ND4J and equals DL4J bit for bit
        Network net = TestData.trained(TestData.mlp("elu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        List<int[]> variants = new ArrayList<>(TestData.each(20));
        variants.addAll(TestData.pairs(20));
        assertEquals(OracleSweep.run(net, data, 0, variants), new UnitSweep().run(net, data, 0, variants));
    }

    @Test
    void rejectsUnitsOutsideTheLayer() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UnitSweep().run(net, TestData.small(), 1, List.of(new int[] {10})));
        assertTrue(e.getMessage().contains("unit 10"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new UnitSweep().run(net, TestData.small(), 3, List.of(new int[] {0})));
    }
}
