package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Recovery of an ablated MLP: what is frozen stays, what is ablated stays ablated, and the rest recovers. */
class RecoveryTest {

    private static final MlpSpec RELU = TestData.mlp("relu", true, 784, 20, 10, 10);
    private static final TrainSpec TRAIN = TrainSpec.adam(2, 32, 0.005, 11);

    private static Network trained() {
        return TestData.trained(RELU, TRAIN).trained();
    }

    private static RecoverySpec epochs(int n, Freeze freeze, boolean regrow) {
        return RecoverySpec.adam(StopRule.epochs(n), 64, 0.002, 5, freeze, regrow);
    }

    private static RecoveryResult recover(Network net, int layer, int[] units, Ablation method, RecoverySpec spec) {
        return new Recovery().recover(net, TestData.small(), layer, units, method, spec, EpochListener.NONE);
    }

    /** A layer's parameters in DL4J's order, as exact float bits (W column-major, then b). */
    static float[] params(Network net, int layer) {
        MultiLayerNetwork dl4j = net.dl4j();
        return dl4j.getLayer(layer).numParams() == 0 ? new float[0]
                : dl4j.getLayer(layer).params().dup().data().asFloat();
    }

    private static float[] column(Network net, String param, int column) {
        return net.dl4j().getParam(param).get(NDArrayIndex.all(), NDArrayIndex.point(column)).dup().data().asFloat();
    }

    private static float[] row(Network net, String param, int row) {
        return net.dl4j().getParam(param).get(NDArrayIndex.point(row), NDArrayIndex.all()).dup().data().asFloat();
    }

    private static float bias(Network net, int layer, int unit) {
        return net.dl4j().getParam(layer + "_b").getFloat(unit);
    }

    private static void assertAllPositiveZero(float[] values, String what) {
        for (float v : values) {
            assertEquals(0, Float.floatToRawIntBits(v), what + " holds " + v + ", not +0");
        }
    }

    @Test
    void freezeAboveKeepsEveryLaterLayerBitForBitAndTrainsTheAblatedOne() {
        Network net = trained();
        String before = net.paramsSha256();
        RecoveryResult r = recover(net, 0, new int[] {2, 3, 4, 5, 6, 7, 8, 9}, Ablation.ZERO,
                epochs(2, Freeze.ABOVE, false));
        assertArrayEquals(params(net, 1), params(r.network(), 1), "hidden2 is frozen");
        assertArrayEquals(params(net, 2), params(r.network(), 2), "output is frozen");
        assertFalse(java.util.Arrays.equals(column(net, "0_W", 0), column(r.network(), "0_W", 0)),
                "hidden1's surviving units retrain");
        assertEquals(before, net.paramsSha256(), "the trained network is never changed");
        assertEquals(2, r.epochs());
    }

    @Test
    void freezeBelowKeepsEveryEarlierLayerBitForBit() {
        Network net = trained();
        RecoveryResult r = recover(net, 1, new int[] {0, 1, 2}, Ablation.ZERO, epochs(1, Freeze.BELOW, false));
        assertArrayEquals(params(net, 0), params(r.network(), 0), "hidden1 is frozen");
        assertFalse(java.util.Arrays.equals(params(net, 1), params(r.network(), 1)), "hidden2 trains");
        assertFalse(java.util.Arrays.equals(params(net, 2), params(r.network(), 2)), "output trains");
    }

    @Test
    void freezeLayersFreezesExactlyTheRange() {
        Network net = trained();
        RecoveryResult r = recover(net, 0, new int[] {1}, Ablation.ZERO, epochs(1, Freeze.layers(1, 1), false));
        assertArrayEquals(params(net, 1), params(r.network(), 1), "layer 1 is frozen");
        assertFalse(java.util.Arrays.equals(params(net, 0), params(r.network(), 0)), "layer 0 trains");
        assertFalse(java.util.Arrays.equals(params(net, 2), params(r.network(), 2)), "layer 2 trains");
    }

    @Test
    void zeroedWeightsAreExactlyZeroAfterRecoveryUnlessTheyRegrow() {
        // tanh passes a gradient at 0, so zeroed units could regrow; relu's would stay dead either way
        Network net = TestData.trained(TestData.mlp("tanh", true, 784, 20, 10, 10), TRAIN).trained();
        int[] units = {4, 11};
        RecoveryResult held = recover(net, 0, units, Ablation.ZERO, epochs(2, Freeze.NONE, false));
        RecoveryResult regrown = recover(net, 0, units, Ablation.ZERO, epochs(2, Freeze.NONE, true));
        for (int u : units) {
            assertAllPositiveZero(column(held.network(), "0_W", u), "unit " + u + "'s incoming weights");
            assertAllPositiveZero(new float[] {bias(held.network(), 0, u)}, "unit " + u + "'s bias");
            float[] w = column(regrown.network(), "0_W", u);
            assertTrue(countNonZero(w) > w.length / 2, "with regrow unit " + u + "'s weights train again: "
                    + countNonZero(w) + " of " + w.length + " are non-zero");
            assertNotEquals(0f, bias(regrown.network(), 0, u), "with regrow the bias trains again");
        }
        // both start from the same damaged network
        assertEquals(held.scores().get(0), regrown.scores().get(0));
    }

    private static int countNonZero(float[] values) {
        int n = 0;
        for (float v : values) {
            n += v != 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    void recoveryWinsBackAccuracyAClearlyDamagingAblationTook() {
        Network net = trained();
        double intact = net.evaluate(TestData.small()).top1();
        int[] units = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
        RecoveryResult r = recover(net, 0, units, Ablation.ZERO, epochs(2, Freeze.ABOVE, false));
        double damaged = r.scores().get(0).top1();
        double recovered = r.scores().get(2).top1();
        assertTrue(intact - damaged > 0.10, "the ablation must hurt: " + intact + " -> " + damaged);
        assertTrue(recovered > damaged + 0.05, "two epochs must win back accuracy: " + damaged + " -> " + recovered);
        assertEquals(r.scores().get(2), r.network().evaluate(TestData.small()), "the last scores are the network's");
    }

    @Test
    void epochZeroIsWhatTheSweepMeasuredForTheVariant() {
        Network net = trained();
        int[] units = {3, 7, 12};
        for (Ablation method : List.of(Ablation.ZERO, Ablation.MASK)) {
            Scores swept = new UnitSweep().run(net, TestData.small(), 0, method, List.<int[]>of(units)).get(0);
            RecoveryResult r = recover(net, 0, units, method, epochs(0, Freeze.NONE, false));
            assertEquals(0, r.epochs());
            assertEquals(swept, r.scores().get(0), method + ": the damaged network before training");
        }
        // on the output layer mask holds the logit at 0 through the unit's weights
        Scores swept = new UnitSweep().run(net, TestData.small(), 2, Ablation.MASK, List.<int[]>of(new int[] {4}))
                .get(0);
        assertEquals(swept, recover(net, 2, new int[] {4}, Ablation.MASK, epochs(0, Freeze.NONE, false)).scores()
                .get(0));
    }

    @Test
    void maskHoldsTheOutgoingWeightsAtZeroAndTheUnitHasNoEffect() {
        Network net = trained();
        RecoveryResult r = recover(net, 0, new int[] {3, 7}, Ablation.MASK, epochs(2, Freeze.NONE, false));
        Network recovered = r.network();
        assertAllPositiveZero(row(recovered, "1_W", 3), "unit 3's outgoing weights");
        assertAllPositiveZero(row(recovered, "1_W", 7), "unit 7's outgoing weights");
        assertTrue(countNonZero(column(recovered, "0_W", 3)) > 0, "mask leaves the incoming weights alone");
        // whatever unit 3 computes now, nothing downstream sees it
        Network scrambled = recovered.copy();
        scrambled.dl4j().getParam("0_W").get(NDArrayIndex.all(), NDArrayIndex.point(3))
                .assign(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 784, 1).muli(5));
        scrambled.dl4j().getParam("0_b").putScalar(3, 3.0);
        assertEquals(recovered.evaluate(TestData.small()), scrambled.evaluate(TestData.small()));
        assertTrue(r.scores().get(2).top1() > r.scores().get(0).top1() - 0.01, "training does not make it worse");
    }

    @Test
    void sameSeedSameRecoveryOtherSeedOtherWeights() {
        Network net = trained();
        int[] units = {1, 2, 3};
        RecoveryResult a = recover(net, 0, units, Ablation.ZERO, epochs(1, Freeze.ABOVE, false));
        RecoveryResult b = recover(net, 0, units, Ablation.ZERO, epochs(1, Freeze.ABOVE, false));
        assertEquals(a.network().paramsSha256(), b.network().paramsSha256());
        assertEquals(a.scores(), b.scores());
        RecoveryResult other = recover(net, 0, units, Ablation.ZERO,
                RecoverySpec.adam(StopRule.epochs(1), 64, 0.002, 6, Freeze.ABOVE, false));
        assertNotEquals(a.network().paramsSha256(), other.network().paramsSha256(), "the seed orders the batches");
    }

    @Test
    void plateauStopsARealRunBeforeMaxAndTheListenerSeesEveryEpoch() {
        Network net = trained();
        List<Integer> seen = new ArrayList<>();
        List<Scores> heard = new ArrayList<>();
        // no epoch can gain 100 points: the rule stops as soon as min epochs and patience allow
        RecoverySpec spec = RecoverySpec.adam(StopRule.plateau(2, 100, 1, 8), 64, 0.002, 5, Freeze.ABOVE, false);
        RecoveryResult r = new Recovery().recover(net, TestData.small(), 0, new int[] {0, 1, 2, 3}, Ablation.ZERO,
                spec, (epoch, scores) -> {
                    seen.add(epoch);
                    heard.add(scores);
                });
        assertEquals(2, r.epochs());
        assertEquals(List.of(0, 1, 2), seen);
        assertEquals(r.scores(), heard);

        // a realistic rule: whenever it stops, it is at the first epoch where the recorded curve says so
        RecoverySpec paper = RecoverySpec.adam(StopRule.plateau(1, 0.5, 1, 6), 64, 0.002, 5, Freeze.ABOVE, false);
        RecoveryResult p = recover(net, 0, new int[] {0, 1, 2, 3}, Ablation.ZERO, paper);
        double[] top5 = p.top5();
        for (int e = 1; e < p.epochs(); e++) {
            assertFalse(paper.stop().shouldStop(java.util.Arrays.copyOf(top5, e + 1)), "should have stopped at " + e);
        }
        assertTrue(paper.stop().shouldStop(top5));
    }

    @Test
    void cancellingMidRecoveryStopsBetweenBatchesAndLeavesTheTrainedNetwork() {
        Network net = trained();
        String before = net.paramsSha256();
        Cancellation cancel = new Cancellation();
        AtomicLong total = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong finished = new AtomicLong();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void start(String task, long t, String unit) {
                total.set(t);
                assertEquals("recover hidden1", task);
                assertEquals("batches", unit);
            }

            @Override
            public void advance(long n) {
                if (done.addAndGet(n) == 25) {
                    cancel.cancel();
                }
            }

            @Override
            public void finish() {
                finished.incrementAndGet();
            }
        };
        List<Integer> epochs = new ArrayList<>();
        RecoverySpec spec = RecoverySpec.adam(StopRule.epochs(3), 100, 0.002, 5, Freeze.NONE, false);
        assertThrows(CancelledException.class, () -> new Recovery(progress, cancel).recover(net, TestData.small(), 0,
                new int[] {1}, Ablation.ZERO, spec, (e, s) -> epochs.add(e)));
        assertEquals(3 * 20, total.get(), "2,000 images in batches of 100 for at most 3 epochs");
        assertEquals(25, done.get(), "stopped before the batch after the 25th");
        assertEquals(1, finished.get());
        assertEquals(List.of(0, 1), epochs, "epoch 1 (20 batches) finished, epoch 2 did not");
        assertEquals(before, net.paramsSha256());
    }

    @Test
    void refusesWhatItCannotHoldBeforeAnyWork() {
        Network net = trained();
        RecoverySpec spec = epochs(1, Freeze.ABOVE, false);
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> recover(net, 1, new int[] {10}, Ablation.ZERO, spec));
        assertEquals("unit 10 does not exist in layer 1 (hidden2 has units 0..9)", unit.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> recover(net, 0, new int[] {1}, Ablation.ZERO, epochs(1, Freeze.layers(1, 3), false)));
        assertEquals("cannot freeze layers 1..3: the network has layers 0..2", range.getMessage());
    }

    @Test
    void refusesAMaskThatALayerBetweenWouldShift() {
        // dense 0, dropout 1, batch norm 2, output 3: a batch norm turns the masked zeros into beta - gamma*mu/sigma
        MultiLayerNetwork dl4j = new MultiLayerNetwork(new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(1).dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(784).nOut(8)
                        .activation(org.nd4j.linalg.activations.Activation.RELU).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(0.8).build())
                .layer(new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().nOut(8).build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                        org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(8).nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build());
        dl4j.init();
        Network net = new Network(dl4j);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> recover(net, 0, new int[] {2}, Ablation.MASK, epochs(1, Freeze.NONE, false)));
        assertTrue(e.getMessage().startsWith("recover after using mask is not implemented for layer 0 (layer0): "
                + "layer 2 (layer2), between its output and the next layer with weights, is a batchnorm layer"),
                e.getMessage());
        // zero needs no such condition
        assertEquals(1, recover(net, 0, new int[] {2}, Ablation.ZERO, epochs(1, Freeze.NONE, false)).epochs());
    }

    @Test
    void aMaskInAFrozenLayerIsPartOfWhatStaysFrozen() {
        Network net = trained();
        RecoveryResult r = recover(net, 0, new int[] {5}, Ablation.MASK, epochs(1, Freeze.ABOVE, false));
        Network expected = net.copy();
        expected.dl4j().getParam("1_W").get(NDArrayIndex.point(5), NDArrayIndex.all()).assign(0);
        assertArrayEquals(params(expected, 1), params(r.network(), 1),
                "hidden2 stays as the ablation left it: trained, with unit 5's outgoing weights at 0");
        assertArrayEquals(params(net, 2), params(r.network(), 2));
    }
}
