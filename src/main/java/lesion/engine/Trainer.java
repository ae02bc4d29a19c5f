package lesion.engine;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Trains an {@link Architecture}'s network on a data set's training part, deterministically: the same architecture,
 * train spec, data and thread count give bit-identical weights.
 */
public class Trainer {

    private final ProgressListener progress;
    private final Cancellation cancellation;

    public Trainer(ProgressListener progress, Cancellation cancellation) {
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /** A trainer that reports nothing and cannot be cancelled. */
    public Trainer() {
        this(ProgressListener.NONE, Cancellation.none());
    }

    /** The network before any training: initial weights drawn from {@code seed} (biases start at 0). */
    public static Network untrained(Architecture architecture, long seed) {
        // the updater plays no part in initialisation; any will do
        return new Network(NetworkFactory.build(architecture, seed, new Sgd(0.1)));
    }

    /**
     * Builds the network from {@code architecture} and {@code train.seed()}, keeps a copy of its initial weights, then
     * runs {@code train.epochs()} epochs of minibatches of {@code train.batchSize()} (the last batch of an epoch may be
     * smaller). The training order is reshuffled every epoch with a {@link Random} seeded from {@code train.seed()}.
     * Reports progress per batch and checks for cancellation between batches.
     */
    public TrainedModel train(Architecture architecture, TrainSpec train, Dataset data) {
        return train(architecture, train, data, null);
    }

    /**
     * As {@link #train(Architecture, TrainSpec, Dataset)}, but training starts from {@code start}'s weights (when
     * not null): they replace the seeded initial weights, and are the initial weights returned. The seed still
     * orders the training.
     */
    public TrainedModel train(Architecture architecture, TrainSpec train, Dataset data, NpzWeights start) {
        checkFits(architecture, data);
        MultiLayerNetwork net = NetworkFactory.build(architecture, train.seed(), NetworkFactory.updater(train));
        if (start != null) {
            start.copyInto(new Network(net));
        }
        Network initial = new Network(net.clone());

        INDArray features = data.trainFeatures();
        INDArray oneHot = oneHot(data.trainLabelsShared(), data.numClasses());
        int n = data.trainSize();
        int batch = train.batchSize();
        int batchesPerEpoch = (n + batch - 1) / batch;
        // a generator of its own, so the order does not depend on how much randomness DL4J consumed
        Random shuffler = new Random(train.seed());
        int[] order = new int[n];
        progress.start("training", (long) train.epochs() * batchesPerEpoch, "batches");
        try {
            for (int epoch = 0; epoch < train.epochs(); epoch++) {
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                shuffle(order, shuffler);
                for (int from = 0; from < n; from += batch) {
                    cancellation.check();
                    int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                    // our own minibatches: pullRows gathers them in one native call, no iterator machinery
                    net.fit(new DataSet(Nd4j.pullRows(features, 1, rows), Nd4j.pullRows(oneHot, 1, rows)));
                    progress.advance(1);
                }
                net.incrementEpochCount();
                requireFinite(net, epoch, train);
            }
        } finally {
            progress.finish();
        }
        return new TrainedModel(initial, new Network(net), false);
    }

    /** A diverged network (NaN or infinite weights) must never be scored or cached as if it were trained. */
    private static void requireFinite(MultiLayerNetwork net, int epoch, TrainSpec train) {
        // the sum of finite weights is finite; one NaN or infinity makes it NaN or infinite
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) {
            throw new EngineException("training diverged in epoch " + (epoch + 1) + " of " + train.epochs()
                    + ": the weights became NaN or infinite; lower the learning rate (now "
                    + train.learningRate() + ")");
        }
    }

    private static void checkFits(Architecture architecture, Dataset data) {
        if (architecture.inputSize() != data.featureSize()) {
            throw new EngineException("the model takes " + architecture.inputSize() + " inputs but the images of "
                    + data.source() + " have " + data.featureSize() + " pixels");
        }
        if (architecture instanceof Vgg19Spec vgg && !Arrays.equals(vgg.imageShape(), data.imageShape())) {
            throw new EngineException("the model takes images of " + shape(vgg.imageShape()) + " (channels x height"
                    + " x width) but the images of " + data.source() + " are " + shape(data.imageShape()));
        }
        if (architecture.classes() != data.numClasses()) {
            throw new EngineException("the model has " + architecture.classes() + " outputs but "
                    + data.source() + " has " + data.numClasses() + " classes");
        }
    }

    private static String shape(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : "x").append(d);
        }
        return sb.toString();
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
