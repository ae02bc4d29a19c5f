package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs a network over a test set in fixed chunks and scores its logits (see {@link Scorer} for why not softmax). */
final class Evaluator {

    /**
     * Rows per forward pass. BLAS sums differently for different row counts, so the last bits of the outputs depend
     * on this number: every evaluation path (baseline and sweeps) uses this one chunking, and the manifest records
     * it. 10,000 keeps memory bounded (at most a few hundred MB for wide layers) and covers MNIST's test set in one
     * pass.
     */
    static final int CHUNK_ROWS = 10_000;

    private Evaluator() {
    }

    /** Half-open row ranges {from, to} covering {@code rows} rows in chunks of {@code chunkRows}. */
    static List<int[]> chunks(int rows, int chunkRows) {
        List<int[]> out = new ArrayList<>();
        for (int from = 0; from < rows; from += chunkRows) {
            out.add(new int[] {from, Math.min(rows, from + chunkRows)});
        }
        return out;
    }

    static INDArray rows(INDArray features, int[] chunk) {
        if (chunk[0] == 0 && chunk[1] == features.rows()) {
            return features;
        }
        return features.get(NDArrayIndex.interval(chunk[0], chunk[1]), NDArrayIndex.all());
    }

    /**
     * Scores {@code net} on the test part of {@code data}. DL4J's {@code output} would return only the softmax
     * (computed in place over the logits), so the logits come from {@link DenseStack}, the same arithmetic as DL4J's
     * and as {@link UnitSweep}'s; the tests check them against DL4J's own forward pass.
     */
    static Scores evaluate(MultiLayerNetwork net, Dataset data, int chunkRows) {
        DenseStack stack = new DenseStack(net);
        int[] labels = data.testLabels();
        int[] predicted = new int[labels.length];
        BitSet top5 = new BitSet(labels.length);
        for (int[] chunk : chunks(labels.length, chunkRows)) {
            Scorer.score(stack.logits(rows(data.testFeatures(), chunk)), labels, chunk[0], predicted, top5);
        }
        return new Scores(data.numClasses(), labels, predicted, top5);
    }
}
