package lesion.engine;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A data set's training part as minibatches of {@code batchSize} (the last batch of an epoch may be smaller), in an
 * order reshuffled every epoch: the identity permutation shuffled by Fisher-Yates with one {@link Random} seeded
 * once from {@code seed}, so epoch e's order is a documented function of the seed and e. {@link Trainer} and
 * {@link Recovery} train through it, so both order their batches the same way.
 */
final class Minibatches {

    private final INDArray features;
    private final INDArray oneHot;
    private final int batchSize;
    // a generator of its own, so the order does not depend on how much randomness DL4J consumed
    private final Random shuffler;
    private final int[] order;
    // the batch arrays, filled in place for every batch: the features of 93,800 batches of 64 MNIST images would
    // otherwise be 18.8 GB of arrays that ND4J frees only when the garbage collector gets round to them
    private final INDArray[] full;
    private final INDArray[] last;

    Minibatches(Dataset data, int batchSize, long seed) {
        this.features = data.trainFeatures();
        this.oneHot = oneHot(data.trainLabelsShared(), data.numClasses());
        this.batchSize = batchSize;
        this.shuffler = new Random(seed);
        this.order = new int[data.trainSize()];
        this.full = buffers(Math.min(batchSize, order.length));
        int rest = order.length % batchSize;
        this.last = rest == 0 ? full : buffers(rest);
    }

    private INDArray[] buffers(int rows) {
        return new INDArray[] {Nd4j.create(features.dataType(), new long[] {rows, features.columns()}, 'c'),
            Nd4j.create(oneHot.dataType(), new long[] {rows, oneHot.columns()}, 'c')};
    }

    /** Minibatches in one epoch. */
    int perEpoch() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /**
     * Fits {@code net} on every minibatch of the next epoch's order, calling {@code afterStep} after each update.
     * Checks for cancellation before each batch and reports each one to {@code progress}.
     */
    void fitEpoch(MultiLayerNetwork net, Cancellation cancellation, ProgressListener progress, Runnable afterStep) {
        int n = order.length;
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffle(order, shuffler);
        for (int from = 0; from < n; from += batchSize) {
            cancellation.check();
            int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
            // our own minibatches: pullRows gathers them in one native call into the reused arrays
            INDArray[] batch = rows.length == full[0].rows() ? full : last;
            Nd4j.pullRows(features, batch[0], 1, rows);
            Nd4j.pullRows(oneHot, batch[1], 1, rows);
            net.fit(new DataSet(batch[0], batch[1]));
            afterStep.run();
            progress.advance(1);
        }
    }

    /** Fisher-Yates, so the permutation is a documented function of the generator's stream. */
    private static void shuffle(int[] a, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static INDArray oneHot(int[] labels, int classes) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            values[i * classes + labels[i]] = 1f;
        }
        return Nd4j.create(values, new long[] {labels.length, classes}, 'c');
    }
}
