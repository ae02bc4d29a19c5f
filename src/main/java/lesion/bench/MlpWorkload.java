package lesion.bench;

import java.util.List;
import lesion.engine.Dataset;
import lesion.engine.Flops;
import lesion.engine.NaiveSweep;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.UnitSweep;
import lesion.results.Scores;

/**
 * {@code mlp}: the paper's first experiment. The MLP 784-20-10-10 (trained briefly), layer 0's 20 single units and
 * 190 pairs (210 variants) zeroed, over the test images. Lesion's sweep is timed as the best of the repeats after a
 * warm-up run; the naive loop, which is slow, once after a warm-up of a few variants.
 */
final class MlpWorkload implements Workload {

    static final int LAYER = 0;
    private static final int NAIVE_WARMUP = 3;

    @Override
    public String name() {
        return "mlp";
    }

    /** Sweeps run before the timed ones: Java compiles the sweep's hot loops over the first few. */
    private static final int WARMUP = 5;

    @Override
    public Report run(BenchContext c) {
        Network net = c.trainedMlp();
        Dataset data = c.mlpData();
        List<int[]> variants = Variants.eachAndPairs(net.units(LAYER));
        int repeat = c.settings().repeat();
        c.log("mlp: Lesion's sweep, " + WARMUP + " warm-ups and best of " + repeat);
        UnitSweep sweep = new UnitSweep(ProgressListener.NONE, c.cancellation());
        List<Scores> warm = sweep.run(net, data, LAYER, variants);
        for (int w = 1; w < WARMUP; w++) {
            warm = sweep.run(net, data, LAYER, variants); // until the JIT has compiled the sweep's loops
        }
        @SuppressWarnings("unchecked")
        List<Scores>[] lesion = new List[] {warm};
        double sweepMs = Stopwatch.best(repeat, () -> lesion[0] = sweep.run(net, data, LAYER, variants));
        c.log("mlp: the naive DL4J loop (" + variants.size() + " variants)");
        NaiveSweep naiveSweep = new NaiveSweep(c.cancellation());
        naiveSweep.run(net, data, LAYER, variants.subList(0, Math.min(NAIVE_WARMUP, variants.size())));
        @SuppressWarnings("unchecked")
        List<Scores>[] naive = new List[1];
        double naiveMs = Stopwatch.time(() -> naive[0] = naiveSweep.run(net, data, LAYER, variants));
        double work = (double) variants.size() * data.testSize();
        int epochs = c.settings().trainEpochs();
        Report r = new Report("mlp: MLP 784-20-10-10 relu nobias, layer 0 each + pairs, zero")
                .add("network", net + ", trained " + epochs + (epochs == 1 ? " epoch" : " epochs")
                        + " adam 0.001 batch 64 on " + Figures.count(data.trainSize()) + " images, seed "
                        + c.settings().seed())
                .add("variants", variants.size() + " (" + net.units(LAYER) + " singles + pairs) on "
                        + Figures.count(data.testSize()) + " test images");
        new SweepComparison(sweepMs, "best of " + repeat, naiveMs, "once",
                work * Flops.after(net, LAYER), work * Flops.forward(net), lesion[0], naive[0])
                .addTo(r, c.matmulGflops());
        return r;
    }
}
