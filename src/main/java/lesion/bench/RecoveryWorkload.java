package lesion.bench;

import java.util.Arrays;
import java.util.Random;
import lesion.engine.Ablation;
import lesion.engine.Dataset;
import lesion.engine.Flops;
import lesion.engine.Freeze;
import lesion.engine.Network;
import lesion.engine.PlainFit;
import lesion.engine.ProgressListener;
import lesion.engine.Recovery;
import lesion.engine.RecoverySpec;
import lesion.engine.StopRule;

/**
 * {@code recovery}: one epoch of {@code recover 1 epochs batch 64 adam 0.001 freeze above} on the MLP with 5
 * seeded random units of layer 0 zeroed, against a plain DL4J fit of one epoch of an undamaged, unfrozen copy on the
 * same data and batches. Lesion's time includes scoring the test set before and after the epoch; the FLOPs count
 * training only: forward of every layer, and backward (about twice the forward) of the layers that train.
 */
final class RecoveryWorkload implements Workload {

    static final int LAYER = 0;
    static final int UNITS = 5;

    @Override
    public String name() {
        return "recovery";
    }

    @Override
    public Report run(BenchContext c) {
        Network net = c.trainedMlp();
        Dataset data = c.mlpData();
        int[] units = Variants.randomGroups(net.units(LAYER), (double) UNITS / net.units(LAYER), 1,
                new Random(c.settings().seed())).get(0);
        RecoverySpec spec = RecoverySpec.adam(StopRule.epochs(1), 64, 0.001, c.settings().seed(), Freeze.ABOVE,
                false);
        c.log("recovery: one epoch of Lesion's recovery, then of a plain DL4J fit");
        Recovery recovery = new Recovery(ProgressListener.NONE, c.cancellation());
        double lesionMs = Stopwatch.time(() -> recovery.recover(net, data, LAYER, units, Ablation.ZERO, spec,
                (epoch, scores) -> { }));
        PlainFit plain = new PlainFit(c.cancellation());
        double plainMs = Stopwatch.time(() -> plain.fit(net, data, spec));

        long[] perLayer = Flops.perImage(net);
        boolean[] frozen = spec.freeze().frozenLayers(LAYER, net.layerCount());
        long forward = Flops.forward(net);
        long trained = 0;
        for (int i = 0; i < perLayer.length; i++) {
            trained += frozen[i] ? 0 : perLayer[i];
        }
        double images = data.trainSize();
        double lesionFlops = images * (forward + 2.0 * trained);
        double plainFlops = images * 3.0 * forward;
        return new Report("recovery: MLP 784-20-10-10, 5 units of layer 0 zeroed, recover 1 epochs freeze above")
                .add("damage", "units " + Arrays.toString(units) + " of layer 0, zero")
                .add("training", "1 epoch, adam 0.001, batch 64, " + Figures.count(data.trainSize())
                        + " images, seed " + c.settings().seed())
                .add("Lesion recovery (once)", Figures.ms(lesionMs) + " (includes scoring "
                        + Figures.count(data.testSize()) + " test images before and after)")
                .add("plain DL4J fit (once)", Figures.ms(plainMs) + " (undamaged, unfrozen copy, no scoring)")
                .add("ratio plain / Lesion", Figures.ratio(plainMs, lesionMs))
                .add("FLOPs of the recovery", Figures.gflop(lesionFlops)
                        + " (forward of all layers + 2x forward of the layers that train)")
                .add("Lesion's rate", Figures.rate(lesionFlops, lesionMs, c.matmulGflops()))
                .add("FLOPs of the plain fit", Figures.gflop(plainFlops) + " (3x forward of all layers)")
                .add("plain fit's rate", Figures.rate(plainFlops, plainMs, c.matmulGflops()));
    }
}
