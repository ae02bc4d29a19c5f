package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Runs a network over a test set in fixed chunks and scores its logits (see {@link Scorer} for why not softmax). */
final class Evaluator {

    /**
     * Rows per forward pass. BLAS sums differently for different row counts, so the last bits of the outputs depend
     * on this number: every evaluation path (baseline and sweeps) uses this one chunking for an MLP, and the manifest
     * records it. 10,000 keeps memory bounded (at most a few hundred MB for wide layers) and covers MNIST's test set in
     * one pass. A CNN uses {@link #cnnChunkRows} instead.
     */
    static final int CHUNK_ROWS = 10_000;

    /**
     * A CNN's bound on its largest buffer per forward pass, in bytes: the bigger of a layer's output and a
     * convolution's unfolded input (im2col: in-channels × kernel area × output pixels per image), times the rows.
     */
    static final long CNN_CHUNK_BYTES = 128L << 20;

    private Evaluator() {
    }

    /**
     * Rows per forward pass for a CNN on flattened images of {@code imageShape} (channels, height, width): as many
     * as fit {@link #CNN_CHUNK_BYTES} (at least 1, at most {@link #CHUNK_ROWS}). For VGG-19 on 28×28 images that is
     * about 74 / width: the second convolution unfolds 9 × its input channels × 784 pixels per image (297 rows at
     * width 0.25, 594 at 0.125).
     */
    static int cnnChunkRows(MultiLayerNetwork net, int[] imageShape) {
        InputType input = InputType.convolutional(imageShape[1], imageShape[2], imageShape[0]);
        List<InputType> types = net.getLayerWiseConfigurations()
                .getLayerActivationTypes(InputType.convolutionalFlat(imageShape[1], imageShape[2], imageShape[0]));
        long values = input.arrayElementsPerExample();
        for (int i = 0; i < types.size(); i++) {
            values = Math.max(values, types.get(i).arrayElementsPerExample());
            Layer layer = net.getLayer(i).conf().getLayer();
            InputType before = i == 0 ? input : types.get(i - 1);
            if (layer instanceof ConvolutionLayer conv && before instanceof InputType.InputTypeConvolutional in
                    && types.get(i) instanceof InputType.InputTypeConvolutional out) {
                int[] k = conv.getKernelSize();
                values = Math.max(values, in.getChannels() * k[0] * k[1] * out.getHeight() * out.getWidth());
            }
        }
        long bytes = values * net.params().dataType().width();
        return (int) Math.max(1, Math.min(CHUNK_ROWS, CNN_CHUNK_BYTES / bytes));
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
        boolean dense = isDense(net);
        DenseStack stack = dense ? new DenseStack(net) : null;
        int[] labels = data.testLabels();
        int[] predicted = new int[labels.length];
        BitSet top5 = new BitSet(labels.length);
        for (int[] chunk : chunks(labels.length, chunkRows)) {
            INDArray x = rows(data.testFeatures(), chunk);
            if (dense) {
                Scorer.score(stack.logits(x), labels, chunk[0], predicted, top5);
            } else {
                try (MemoryWorkspace ws = LayerRunner.open()) {
                    Scorer.score(new LayerRunner(net).logits(0, x), labels, chunk[0], predicted, top5);
                }
            }
        }
        return new Scores(data.numClasses(), labels, predicted, top5);
    }

    private static boolean isDense(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            if (!(net.getLayer(i).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                    || net.getLayer(i).conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
                return false;
            }
        }
        return true;
    }
}
