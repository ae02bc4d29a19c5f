package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every evaluation ranks classes by the output layer's logits, not by its softmax (which underflows to ties). */
class LogitsTest {

    private static final TrainSpec TRAIN = TrainSpec.adam(2, 32, 0.005, 7);

    /** Output weights for input 0: ranked by logit class 0, 9, 8, 7, ..., 1; classes 1..8 are > 104 below class 0. */
    private static final float[] CONFIDENT = {200, -7, -6, -5, -4, -3, -2, -1, 0, 150};

    /**
     * A 2-2-10 network with identity hidden units (W = I, no bias effect): input (1, 0) gives the logits
     * {@link #CONFIDENT}, input (0, 1) gives all-zero logits (a true ten-way tie).
     */
    private static Network constructed() {
        Network net = Trainer.untrained(TestData.mlp("identity", true, 2, 2, 10), 1);
        MultiLayerNetwork dl4j = net.dl4j();
        dl4j.getParam("0_W").assign(Nd4j.create(new float[][] {{1, 0}, {0, 1}}));
        dl4j.getParam("0_b").assign(0);
        dl4j.getParam("1_W").assign(Nd4j.create(new float[][] {CONFIDENT, new float[10]}));
        dl4j.getParam("1_b").assign(0);
        return net;
    }

    /** Samples: input (1, 0) with labels 0, 1, 8, 9; input (0, 1) with labels 4, 5. */
    private static Dataset constructedData() {
        float[][] x = {{1, 0}, {1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 1}};
        int[] labels = {0, 1, 8, 9, 4, 5};
        return new Dataset("constructed", Nd4j.create(x), labels.clone(), Nd4j.create(x), labels, 10,
                new int[] {1, 1, 2}, Map.of());
    }

    private static BitSet bits(int... indices) {
        BitSet out = new BitSet();
        for (int i : indices) {
            out.set(i);
        }
        return out;
    }

    @Test
    void softmaxUnderflowNoLongerDecidesTopFive() {
        Network net = constructed();
        Dataset data = constructedData();
        // the case is real: DL4J's softmax output has classes 1..8 at exactly 0 for input (1, 0)
        INDArray probs = net.dl4j().output(data.testFeatures(), false);
        for (int c = 1; c <= 8; c++) {
            assertEquals(0f, probs.getFloat(0, c), "probability of class " + c);
        }

        // by logit: label 0 first, 1 tenth, 8 third, 9 second; the all-zero row is a true tie, broken by index
        BitSet expectedTop5 = bits(0, 2, 3, 4);
        int[] expectedPredicted = {0, 0, 0, 0, 0, 0};
        Scores baseline = net.evaluate(data);
        assertArrayEquals(expectedPredicted, baseline.predicted());
        // scored on probabilities this was {0, 1, 3, 4}: label 1 counted in on its index, label 8 left out
        assertEquals(expectedTop5, baseline.top5Correct());

        List<int[]> variants = List.of(new int[0], new int[] {1});
        for (int layer = 0; layer < 2; layer++) {
            for (Scores s : List.of(new UnitSweep().run(net, data, layer, variants).get(0),
                    OracleSweep.run(net, data, layer, variants).get(0))) {
                assertArrayEquals(expectedPredicted, s.predicted());
                assertEquals(expectedTop5, s.top5Correct());
            }
            assertEquals(OracleSweep.run(net, data, layer, variants), new UnitSweep().run(net, data, layer, variants));
        }
        // without output unit 9 its logit is 0, a true tie with class 8: 8 comes second on its index, 9 third
        Scores no9 = new UnitSweep().run(net, data, 1, List.<int[]>of(new int[] {9})).get(0);
        assertEquals(expectedTop5, no9.top5Correct());
        assertEquals(OracleSweep.run(net, data, 1, List.<int[]>of(new int[] {9})).get(0), no9);
    }

    @Test
    void denseStackLogitsEqualDl4jBitForBit() {
        Dataset data = TestData.small();
        for (MlpSpec spec : List.of(TestData.mlp("relu", true, 784, 20, 10, 10),
                TestData.mlp("relu", false, 784, 20, 10, 10), TestData.mlp("tanh", true, 784, 16, 10))) {
            MultiLayerNetwork net = TestData.trained(spec, TRAIN).trained().dl4j();
            float[] fast = new DenseStack(net).logits(data.testFeatures()).dup('c').data().asFloat();
            float[] reference = Dl4jLogits.of(net, data.testFeatures()).dup('c').data().asFloat();
            assertArrayEquals(reference, fast, spec.toString());
        }
    }

    @Test
    void identityOutputCopyLeavesTheNetworkAlone() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        String before = net.paramsSha256();
        MultiLayerNetwork copy = Dl4jLogits.identityOutputCopy(net.dl4j());
        assertArrayEquals(net.dl4j().params().dup('c').data().asFloat(), copy.params().dup('c').data().asFloat(),
                "the copy's parameters are bit-identical");
        assertTrue(((BaseLayer) net.dl4j().getOutputLayer().conf().getLayer()).getActivationFn()
                instanceof ActivationSoftmax, "the original keeps its softmax");
        copy.getParam("0_W").assign(0);
        assertEquals(before, net.paramsSha256(), "the copy shares no parameters with the original");
    }

    @Test
    void baselineTopFiveIsTheTopFiveOfDl4jLogits() {
        Network net = TestData.trained(TestData.mlp("relu", true, 784, 20, 10, 10), TRAIN).trained();
        Dataset data = TestData.small();
        Scores scores = net.evaluate(data);

        // independently of Scorer: sort each row's classes by logit (DL4J's forward pass), ties by class index
        INDArray logits = Dl4jLogits.of(net.dl4j(), data.testFeatures());
        int[] labels = data.testLabels();
        int[] predicted = new int[labels.length];
        BitSet top5 = new BitSet();
        for (int r = 0; r < labels.length; r++) {
            float[] row = logits.getRow(r).dup().data().asFloat();
            List<Integer> order = new ArrayList<>();
            for (int c = 0; c < row.length; c++) {
                order.add(c);
            }
            order.sort(Comparator.<Integer>comparingDouble(c -> -row[c]).thenComparingInt(c -> c));
            predicted[r] = order.get(0);
            if (order.subList(0, 5).contains(labels[r])) {
                top5.set(r);
            }
        }
        assertArrayEquals(predicted, scores.predicted());
        assertEquals(top5, scores.top5Correct());
        assertTrue(scores.top5() > 0.9 && scores.top5() > scores.top1(),
                "top-1 " + scores.top1() + ", top-5 " + scores.top5());
    }
}
