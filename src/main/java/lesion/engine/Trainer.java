package lesion.engine;

import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
     * smaller). The training order is reshuffled every epoch from {@code train.seed()} (see {@link Minibatches}).
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

        Minibatches batches = new Minibatches(data, train.batchSize(), train.seed());
        progress.start("training", (long) train.epochs() * batches.perEpoch(), "batches");
        try {
            for (int epoch = 0; epoch < train.epochs(); epoch++) {
                batches.fitEpoch(net, cancellation, progress, () -> { });
                net.incrementEpochCount();
                requireFinite(net, epoch, train.epochs(), train.learningRate());
            }
        } finally {
            progress.finish();
        }
        return new TrainedModel(initial, new Network(net), false);
    }

    /**
     * A diverged network (NaN or infinite weights) must never be scored or cached as if it were trained: throws after
     * epoch {@code epoch} (0-based) of {@code epochs} if {@code net} has any.
     */
    static void requireFinite(MultiLayerNetwork net, int epoch, int epochs, double learningRate) {
        // the sum of finite weights is finite; one NaN or infinity makes it NaN or infinite
        if (!Double.isFinite(net.params().sumNumber().doubleValue())) {
            throw new EngineException("training diverged in epoch " + (epoch + 1) + " of " + epochs
                    + ": the weights became NaN or infinite; lower the learning rate (now " + learningRate + ")");
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
}
