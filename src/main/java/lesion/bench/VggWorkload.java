package lesion.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import lesion.check.DataShape;
import lesion.check.LayerInfo;
import lesion.engine.Ablation;
import lesion.engine.Dataset;
import lesion.engine.Flops;
import lesion.engine.NaiveSweep;
import lesion.engine.Network;
import lesion.engine.ProgressListener;
import lesion.engine.Trainer;
import lesion.engine.UnitSweep;
import lesion.engine.Vgg19Spec;
import lesion.results.Scores;

/**
 * {@code vgg}: VGG-19-BN at width 0.125 on MNIST's 28×28 images ({@code model vgg19 bn width 0.125}), untrained
 * (initial weights from the seed: the time does not depend on the weights, and training it would take minutes).
 * For every convolution, K seeded random groups of 10% and K of 25% of its filters, zeroed, on the first test
 * images. Lesion's side, one sweep of each layer after another sharing the network's prefix (as an ablate over many
 * layers runs), is timed as the best of the repeats; the naive loop once; each after a warm-up of one variant.
 */
final class VggWorkload implements Workload {

    static final double WIDTH = 0.125;
    private static final double[] FRACTIONS = {0.10, 0.25};

    @Override
    public String name() {
        return "vgg";
    }

    @Override
    public Report run(BenchContext c) {
        Dataset mnist = c.mnist();
        Dataset data = mnist.limit(1, c.settings().testImages(BenchSettings.DEFAULT_VGG_IMAGES, mnist.testSize()));
        c.log("vgg: building VGG-19-BN width " + WIDTH);
        Network net = Trainer.untrained(Vgg19Spec.of(true, WIDTH, DataShape.MNIST), c.settings().seed());
        Random random = new Random(c.settings().seed());
        List<Integer> layers = new ArrayList<>();
        List<List<int[]>> variants = new ArrayList<>();
        for (LayerInfo layer : net.layers().layers()) {
            if (layer.isConv()) {
                List<int[]> groups = new ArrayList<>();
                for (double f : FRACTIONS) {
                    groups.addAll(Variants.randomGroups(net.units(layer.index()), f, c.settings().groups(), random));
                }
                layers.add(layer.index());
                variants.add(groups);
            }
        }
        UnitSweep sweep = new UnitSweep(ProgressListener.NONE, c.cancellation());
        NaiveSweep naiveSweep = new NaiveSweep(c.cancellation());
        int repeat = c.settings().repeat();
        c.log("vgg: Lesion's sweep of " + layers.size() + " conv layers, best of " + repeat);
        sweep.run(net, data, layers.get(0), variants.get(0).subList(0, 1));
        List<Scores> lesion = new ArrayList<>();
        // as the interpreter runs one ablate over many layers: one sweep after another, sharing the prefix
        double sweepMs = Stopwatch.best(repeat, () -> {
            lesion.clear();
            UnitSweep.Prefix prefix = sweep.prefix(net, data);
            for (int i = 0; i < layers.size(); i++) {
                sweep.runDetailed(prefix, layers.get(i), Ablation.ZERO, variants.get(i),
                        (index, units, scores, silenced) -> lesion.add(scores));
            }
        });
        c.log("vgg: the naive DL4J loop");
        naiveSweep.run(net, data, layers.get(0), variants.get(0).subList(0, 1));
        List<Scores> naive = new ArrayList<>();
        double naiveMs = 0;
        long minFlops = 0;
        long count = 0;
        for (int i = 0; i < layers.size(); i++) {
            int layer = layers.get(i);
            List<int[]> vs = variants.get(i);
            naiveMs += Stopwatch.time(() -> naive.addAll(naiveSweep.run(net, data, layer, vs)));
            minFlops += Flops.after(net, layer) * vs.size();
            count += vs.size();
        }
        int images = data.testSize();
        Report r = new Report("vgg: VGG-19-BN width " + WIDTH + " on 28x28, conv filters in random groups, zero")
                .add("network", net + ", " + Figures.count(net.parameterCount())
                        + " parameters, untrained (weights from seed " + c.settings().seed() + "; timing only)")
                .add("variants", count + " (" + layers.size() + " conv layers x " + c.settings().groups()
                        + " groups x 10% and 25% of the filters) on " + Figures.count(images) + " test images");
        new SweepComparison(sweepMs, "best of " + repeat, naiveMs, "once", (double) minFlops * images,
                (double) Flops.forward(net) * count * images, lesion, naive).addTo(r, c.matmulGflops());
        return r;
    }
}
