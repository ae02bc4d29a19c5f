package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lesion.results.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores many ablations of units in one layer quickly, with any {@link Ablation} method. Everything before the
 * ablated layer is unaffected by its variants, so once per chunk of test images the sweep computes what every
 * variant starts from: for {@code zero} the layer's pre-activation z = x W + b (zeroing a unit's incoming weights and
 * bias is the same as zeroing z_j), for {@code mask}, {@code mean} and {@code noise} its output a = act(z) (the logits
 * on the output layer). Each variant copies that into a reused buffer, changes its columns (for zero then applies
 * the activation) and runs only the remaining layers up to the output layer's logits, which it scores (see
 * {@link Scorer}). The network itself is never modified or copied. Results equal, bit for bit, those of the plain
 * path through DL4J's own layers (really zeroing the weights, or changing the columns of DL4J's activations and
 * running the later layers with DL4J; see the tests' oracles).
 */
public final class UnitSweep {

    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final int chunkRows;

    public UnitSweep(ProgressListener progress, Cancellation cancellation) {
        this(progress, cancellation, Evaluator.CHUNK_ROWS);
    }

    /** For tests: another chunk height (results then match only an evaluation with the same chunking). */
    UnitSweep(ProgressListener progress, Cancellation cancellation, int chunkRows) {
        this.progress = progress;
        this.cancellation = cancellation;
        this.chunkRows = chunkRows;
    }

    /** A sweep that reports nothing and cannot be cancelled. */
    public UnitSweep() {
        this(ProgressListener.NONE, Cancellation.none());
    }

    /** Scores of the unablated network (the same as {@link Network#evaluate}). */
    public Scores baseline(Network network, Dataset data) {
        return network.evaluate(data);
    }

    /** Receives each variant's scores as soon as they are computed, in the order of the variants. */
    @FunctionalInterface
    public interface VariantSink {
        /**
         * Variant {@code index} (0-based, into the list of variants being swept), the units it ablates and its scores.
         * The scores are the sink's to keep or drop: their {@code predicted} array and {@code top5Correct} set are
         * new for every variant; {@code labels} is one array shared by all variants of the call, never modified.
         */
        void accept(int index, int[] units, Scores scores);
    }

    /**
     * One {@link Scores} per variant, in order; a convenience over {@link #run(Network, Dataset, int, List,
     * VariantSink)} that keeps them all, about 4 bytes per test image and variant.
     */
    public List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants) {
        List<Scores> results = new ArrayList<>(variants.size());
        run(network, data, layer, variants, (index, units, scores) -> results.add(scores));
        return results;
    }

    /** The same with method {@code zero}. */
    public void run(Network network, Dataset data, int layer, List<int[]> variants, VariantSink sink) {
        run(network, data, layer, Ablation.ZERO, variants, sink);
    }

    /** One {@link Scores} per variant, in order, ablating with {@code method}; keeps them all. */
    public List<Scores> run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants) {
        List<Scores> results = new ArrayList<>(variants.size());
        run(network, data, layer, method, variants, (index, units, scores) -> results.add(scores));
        return results;
    }

    /**
     * Scores every variant and hands each to {@code sink} before the next is computed, so that the caller decides
     * what to keep (a sweep of 19,900 pairs over 10,000 images would otherwise hold them all). A variant lists the
     * unit indices of layer {@code layer} to ablate with {@code method}; an empty variant gives the baseline. All
     * units are checked before any work. Progress advances after the sink has taken a variant; cancellation is
     * checked before each variant, so a cancelled sweep has delivered exactly the variants it reported. The network must
     * be an MLP ({@link Network#denseOnly}); sweeps over convolutional networks are not built yet.
     */
    public void run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants,
            VariantSink sink) {
        if (!network.denseOnly()) {
            // DenseStack would misread a CNN's layers; refuse before any work rather than compute something wrong
            throw new IllegalArgumentException("unit sweeps run on dense networks (MLPs) only, not yet on " + network
                    + ", which has convolutional layers");
        }
        network.checkLayer(layer);
        network.checkInput(data);
        int units = network.units(layer);
        for (int[] variant : variants) {
            for (int u : variant) {
                if (u < 0 || u >= units) {
                    throw new IllegalArgumentException("unit " + u + " does not exist in layer " + layer + " ("
                            + network.layerName(layer) + " has units 0.." + (units - 1) + ")");
                }
            }
        }
        DenseStack stack = new DenseStack(network.dl4j());
        int last = stack.layerCount() - 1;
        int[] labels = data.testLabels(); // one copy shared by all results
        List<int[]> chunks = Evaluator.chunks(labels.length, chunkRows);

        // once per chunk, what no variant changes: the ablated layer's pre-activation z (zero) or its output
        // a = act(z) (the other methods; on the output layer a is the logits, never softmaxed)
        List<INDArray> shared = new ArrayList<>();
        double[] sums = method.kind() == Ablation.Kind.MEAN ? new double[units] : null;
        for (int[] chunk : chunks) {
            INDArray h = Evaluator.rows(data.testFeatures(), chunk);
            for (int i = 0; i < layer; i++) {
                h = stack.forward(i, h);
            }
            INDArray z = stack.preActivation(layer, h, stack.buffer(h.rows(), layer));
            INDArray a = method.onOutput() && layer < last ? stack.activate(layer, z) : z;
            if (sums != null) {
                addColumnSums(a, sums);
            }
            shared.add(a);
        }
        float[] means = sums == null ? null : means(sums, labels.length);
        // scratch buffers per distinct chunk height (at most two), reused by every variant
        Map<Integer, INDArray[]> scratch = new HashMap<>();

        progress.start("sweep " + network.layerName(layer), variants.size(), "variants");
        try {
            for (int v = 0; v < variants.size(); v++) {
                cancellation.check();
                int[] variant = variants.get(v);
                Random[] noise = noiseGenerators(method, v, variant);
                int[] predicted = new int[labels.length];
                BitSet top5 = new BitSet(labels.length);
                for (int c = 0; c < chunks.size(); c++) {
                    INDArray base = shared.get(c);
                    INDArray[] buf = scratch.computeIfAbsent(base.rows(), rows -> {
                        INDArray[] b = new INDArray[last + 1];
                        for (int k = layer; k <= last; k++) {
                            b[k] = stack.buffer(rows, k);
                        }
                        return b;
                    });
                    INDArray h = ablate(method, buf[layer].assign(base), variant, means, noise);
                    if (!method.onOutput() && layer < last) {
                        h = stack.activate(layer, h);
                    }
                    // from the ablated layer's output to the output layer's pre-activation: the logits
                    for (int k = layer + 1; k <= last; k++) {
                        INDArray zk = stack.preActivation(k, h, buf[k]);
                        h = k < last ? stack.activate(k, zk) : zk;
                    }
                    Scorer.score(h, labels, chunks.get(c)[0], predicted, top5);
                }
                sink.accept(v, variant, new Scores(data.numClasses(), labels, predicted, top5));
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * Ablates the variant's columns of {@code x} (a copy of the shared z or a, for the next chunk of rows) in
     * place; {@code noise} holds one generator per entry of {@code variant}, already advanced past earlier chunks.
     */
    private static INDArray ablate(Ablation method, INDArray x, int[] variant, float[] means, Random[] noise) {
        for (int i = 0; i < variant.length; i++) {
            int u = variant[i];
            INDArray column = x.getColumn(u);
            switch (method.kind()) {
                case ZERO, MASK -> column.assign(0);
                case MEAN -> column.assign(means[u]);
                case NOISE -> {
                    if (noise[i] == null) {
                        break; // a unit listed twice gets its noise once
                    }
                    float[] add = new float[(int) x.rows()];
                    for (int r = 0; r < add.length; r++) {
                        add[r] = (float) (method.sigma() * noise[i].nextGaussian());
                    }
                    // one IEEE float addition per element, the same as a[r][u] + add[r] in Java
                    column.addi(Nd4j.createFromArray(add).castTo(x.dataType()).reshape(column.shape()));
                }
            }
        }
        return x;
    }

    /** Variant v's noise generators, one per unit it lists (null for a repeated unit); null for other methods. */
    private static Random[] noiseGenerators(Ablation method, int v, int[] variant) {
        if (method.kind() != Ablation.Kind.NOISE) {
            return null;
        }
        Random[] out = new Random[variant.length];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < variant.length; i++) {
            if (seen.add(variant[i])) {
                out[i] = method.noiseGenerator(v, variant[i]);
            }
        }
        return out;
    }

    /** Adds each column's values to {@code sums}, row by row in double precision. */
    private static void addColumnSums(INDArray a, double[] sums) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        float[] v = c.data().asFloat();
        int cols = sums.length;
        for (int base = 0; base < v.length; base += cols) {
            for (int u = 0; u < cols; u++) {
                sums[u] += v[base + u];
            }
        }
    }

    private static float[] means(double[] sums, int rows) {
        float[] out = new float[sums.length];
        for (int u = 0; u < sums.length; u++) {
            out[u] = (float) (sums[u] / rows);
        }
        return out;
    }
}
