package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lesion.results.Scores;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores many ablations of units in one layer quickly. Zeroing a unit's incoming weights and bias is the same as
 * zeroing its pre-activation z_j, so z = x W + b of the ablated layer is computed once per chunk of test images;
 * each variant copies z into a reused buffer, zeroes its columns, applies the activation and runs the remaining
 * layers up to the output layer's logits, which it scores (see {@link Scorer}). The network itself is never modified
 * or copied. Results equal, bit for bit, those of really zeroing the weights and running the network with DL4J (see
 * the tests' oracle).
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

    /**
     * Scores every variant and hands each to {@code sink} before the next is computed, so that the caller decides
     * what to keep (a sweep of 19,900 pairs over 10,000 images would otherwise hold them all). A variant lists the
     * unit indices of layer {@code layer} to ablate (zero method); an empty variant gives the baseline. All units
     * are checked before any work. Progress advances after the sink has taken a variant; cancellation is checked
     * before each variant, so a cancelled sweep has delivered exactly the variants it reported.
     */
    public void run(Network network, Dataset data, int layer, List<int[]> variants, VariantSink sink) {
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

        // the ablated layer's pre-activation, once per chunk: everything before it is unaffected by ablation
        List<INDArray> preActivations = new ArrayList<>();
        for (int[] chunk : chunks) {
            INDArray h = Evaluator.rows(data.testFeatures(), chunk);
            for (int i = 0; i < layer; i++) {
                h = stack.forward(i, h);
            }
            preActivations.add(stack.preActivation(layer, h, stack.buffer(h.rows(), layer)));
        }
        // scratch buffers per distinct chunk height (at most two), reused by every variant
        Map<Integer, INDArray[]> scratch = new HashMap<>();

        progress.start("sweep " + network.layerName(layer), variants.size(), "variants");
        try {
            for (int v = 0; v < variants.size(); v++) {
                cancellation.check();
                int[] variant = variants.get(v);
                int[] predicted = new int[labels.length];
                BitSet top5 = new BitSet(labels.length);
                for (int c = 0; c < chunks.size(); c++) {
                    INDArray z = preActivations.get(c);
                    INDArray[] buf = scratch.computeIfAbsent(z.rows(), rows -> {
                        INDArray[] b = new INDArray[last + 1];
                        for (int k = layer; k <= last; k++) {
                            b[k] = stack.buffer(rows, k);
                        }
                        return b;
                    });
                    INDArray zv = buf[layer].assign(z);
                    for (int u : variant) {
                        zv.getColumn(u).assign(0);
                    }
                    // from the ablated layer's pre-activation to the output layer's: the logits, never softmaxed
                    INDArray zk = zv;
                    for (int k = layer + 1; k <= last; k++) {
                        zk = stack.preActivation(k, stack.activate(k - 1, zk), buf[k]);
                    }
                    Scorer.score(zk, labels, chunks.get(c)[0], predicted, top5);
                }
                sink.accept(v, variant, new Scores(data.numClasses(), labels, predicted, top5));
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
    }
}
