package lesion.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import lesion.results.Scores;
import org.junit.jupiter.api.Test;

/** Sweeps that share a network's prefix give exactly what each sweep gives alone, in any order of layers. */
class PrefixSweepTest {

    private record Result(Scores scores, boolean silenced) {
    }

    private static List<Result> alone(Network net, Dataset data, int layer, Ablation method, List<int[]> variants) {
        List<Result> out = new ArrayList<>();
        new UnitSweep().runDetailed(net, data, layer, method, variants, (i, u, s, silenced) -> out.add(
                new Result(s, silenced)));
        return out;
    }

    @Test
    void layerAfterLayerEqualsEachLayerAlone() {
        Network net = TestData.trainedTinyVgg().trained();
        Dataset data = TestData.small().limit(2000, 150);
        String before = net.paramsSha256();
        // deeper and deeper, the same layer again, then back to a shallower one (which starts at the images again);
        // zero's ablation point is the conv's output, mask's the end of its block
        int[] layers = {0, 3, 3, 10, 33, 7, 49};
        Ablation[] methods = {Ablation.ZERO, Ablation.MASK, Ablation.ZERO, Ablation.MEAN, Ablation.ZERO,
            Ablation.noise(0.5, 3), Ablation.MASK};
        UnitSweep sweep = new UnitSweep();
        UnitSweep.Prefix prefix = sweep.prefix(net, data);
        for (int k = 0; k < layers.length; k++) {
            List<int[]> variants = List.of(new int[] {0}, new int[] {1, 2}, new int[0]);
            List<Result> shared = new ArrayList<>();
            sweep.runDetailed(prefix, layers[k], methods[k], variants, (i, u, s, silenced) -> shared.add(
                    new Result(s, silenced)));
            assertEquals(alone(net, data, layers[k], methods[k], variants), shared,
                    "layer " + layers[k] + " " + methods[k]);
        }
        assertEquals(before, net.paramsSha256(), "the sweeps leave the network alone");
    }
}
