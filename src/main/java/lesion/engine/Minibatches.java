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

    Minibatches(Dataset data, int batchSize, long seed) {
        this.features = data.trainFeatures();
        this.oneHot = oneHot(data.trainLabelsShared(), data.numClasses());
        this.batchSize = batchSize;
        this.shuffler = new Random(seed);
        this.order = new int[data.trainSize()];
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
            // our own minibatches: pullRows gathers them in one native call, no iterator machinery
            net.fit(new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(oneHot, 1, rows)));
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
