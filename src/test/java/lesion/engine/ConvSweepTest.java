package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

/**
 * Filter sweeps on a CNN (a VGG-19-BN at width 1/16, trained one epoch, so its batch norms have real statistics):
 * {@link UnitSweep}'s fast path against {@link OracleCnnSweep} for every method, on a first and a last convolution,
 * a hidden dense layer of the classifier and the output layer.
 */
class ConvSweepTest {

    /** Layers of VGG-19-BN and the end of their blocks: conv + batch norm + ReLU, dense + ReLU, the output. */
    private static final int[][] LAYERS = {{0, 2}, {49, 51}, {54, 55}, {60, 60}};
    private static final List<Ablation> METHODS = List.of(Ablation.ZERO, Ablation.MASK, Ablation.MEAN,
            Ablation.noise(0.5, 11));

    private static Network net() {
        return TestData.trainedTinyVgg().trained();
    }

    private static Dataset data() {
        return TestData.small().limit(2000, 200);
    }

    /** Singles of the first units and a few groups, including a unit listed twice. */
    private static List<int[]> variants(int units) {
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < Math.min(units, 4); u++) {
            out.add(new int[] {u});
        }
        out.add(new int[] {0, units - 1});
        out.add(new int[] {1, 2, 3});
        out.add(new int[] {2, 2});
        out.add(new int[0]);
        return out;
    }

    private record Swept(List<Scores> scores, List<Boolean> silenced) {
    }

    private static Swept fast(Network net, Dataset data, int layer, Ablation method, List<int[]> variants,
            int chunkRows) {
        List<Scores> scores = new ArrayList<>();
        List<Boolean> silenced = new ArrayList<>();
        new UnitSweep(ProgressListener.NONE, Cancellation.none(), chunkRows).runDetailed(net, data, layer, method,
                variants, (i, units, s, quiet) -> {
                    scores.add(s);
                    silenced.add(quiet);
                });
        return new Swept(scores, silenced);
    }

    @Test
    void everyMethodMatchesTheOracleOnConvDenseAndOutputLayers() {
        Network net = net();
        Dataset data = data();
        String before = net.paramsSha256();
        Scores baseline = net.evaluate(data);
        int chunkRows = net.evaluationChunkRows();
        for (int[] l : LAYERS) {
            List<int[]> variants = variants(net.units(l[0]));
            for (Ablation method : METHODS) {
                Swept fast = fast(net, data, l[0], method, variants, chunkRows);
                List<Boolean> oracleSilenced = new ArrayList<>();
                List<Scores> oracle = OracleCnnSweep.run(net, data, l[0], l[1], method, variants, chunkRows,
                        oracleSilenced);
                int changed = 0;
                for (int v = 0; v < variants.size(); v++) {
                    String what = method + " layer " + l[0] + " " + Arrays.toString(variants.get(v));
                    assertEquals(oracle.get(v), fast.scores().get(v), what);
                    if (l[0] != 60) {
                        assertEquals(oracleSilenced.get(v), fast.silenced().get(v), what + " silenced");
                    }
                    changed += fast.scores().get(v).equals(baseline) ? 0 : 1;
                }
                assertEquals(baseline, fast.scores().get(variants.size() - 1), "the empty variant is the baseline");
                assertTrue(changed > 0, method + " on layer " + l[0] + " changed no prediction");
            }
        }
        assertEquals(before, net.paramsSha256(), "a sweep never changes the network");
    }

    @Test
    void zeroBeforeABatchNormDoesNotSilenceButMaskDoes() {
        Network net = net();
        Dataset data = data();
        List<int[]> singles = TestData.each(net.units(49));
        Swept zero = fast(net, data, 49, Ablation.ZERO, singles, 0);
        Swept mask = fast(net, data, 49, Ablation.MASK, singles, 0);
        assertTrue(mask.silenced().stream().allMatch(b -> b), "mask forces the block's output to 0");
        // the batch norm maps the zeroed channel to relu(beta - gamma * mean / sqrt(var + eps)), a constant that
        // is 0 only where it is negative: a trained network has filters of both kinds
        assertTrue(zero.silenced().contains(false), "zero should leave some filter of features.49 alive");
        // on a dense layer of the classifier (no batch norm, ReLU after it) zero silences every unit
        Swept dense = fast(net, data, 54, Ablation.ZERO, TestData.each(8), 0);
        assertTrue(dense.silenced().stream().allMatch(b -> b));
        assertFalse(fast(net, data, 49, Ablation.noise(0.5, 3), singles, 0).silenced().contains(true));
    }

    @Test
    void chunkingDoesNotChangeNoiseOrMeans() {
        Network net = net();
        Dataset data = data();
        List<int[]> variants = variants(net.units(3));
        for (Ablation method : List.of(Ablation.MEAN, Ablation.noise(0.3, 5))) {
            Swept fast = fast(net, data, 3, method, variants, 64);
            List<Scores> oracle = OracleCnnSweep.run(net, data, 3, 5, method, variants, 64, null);
            assertEquals(oracle, fast.scores(), method + " in chunks of 64");
        }
    }

    @Test
    void recomputesTheSharedPrefixWhenItWouldNotFitAndGetsTheSameResults() {
        Network net = net();
        Dataset data = data();
        List<int[]> variants = TestData.each(net.units(0));
        Swept kept = fast(net, data, 0, Ablation.ZERO, variants, 64);
        List<Scores> streamed = new ArrayList<>();
        new UnitSweep(ProgressListener.NONE, Cancellation.none(), 64, 1L).run(net, data, 0, Ablation.ZERO, variants,
                (i, units, s) -> streamed.add(s));
        assertEquals(kept.scores(), streamed);
        int[] order = new int[variants.size()];
        List<Integer> delivered = new ArrayList<>();
        new UnitSweep(ProgressListener.NONE, Cancellation.none(), 64, 1L).run(net, data, 0, Ablation.ZERO, variants,
                (i, units, s) -> delivered.add(i));
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        assertArrayEquals(order, delivered.stream().mapToInt(Integer::intValue).toArray(), "delivered in order");
    }
}
