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
 * layers. The network itself is never modified or copied. Results equal, bit for bit, those of really zeroing the
 * weights and running the network (see the tests' oracle).
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

    /**
     * One {@link Scores} per variant, in order; a variant lists the unit indices of layer {@code layer} to ablate
     * (zero method). An empty variant gives the baseline. Progress is reported per variant; cancellation is
     * checked between variants.
     */
    public List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants) {
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

        List<Scores> results = new ArrayList<>(variants.size());
        progress.start("sweep " + network.layerName(layer), variants.size(), "variants");
        try {
            for (int[] variant : variants) {
                cancellation.check();
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
                    INDArray a = stack.activate(layer, zv);
                    for (int k = layer + 1; k <= last; k++) {
                        a = stack.activate(k, stack.preActivation(k, a, buf[k]));
                    }
                    Scorer.score(a, labels, chunks.get(c)[0], predicted, top5);
                }
                results.add(new Scores(data.numClasses(), labels, predicted, top5));
                progress.advance(1);
            }
        } finally {
            progress.finish();
        }
        return results;
    }
}
