package lesion.engine;

import java.util.Locale;

/**
 * How {@link Recovery} retrains a damaged network: until {@code stop} says so, in minibatches of {@code batchSize}
 * reshuffled every epoch from {@code seed} (as {@link Trainer} does), with a fresh optimiser ({@code adam} or
 * {@code sgd} with {@code learningRate}, and for sgd {@code momentum}, as in {@link TrainSpec}); {@code freeze} says
 * which layers stay fixed; without {@code regrow} the ablated weights are held at exactly 0 after every update, with
 * it they start at 0 and may change.
 */
public record RecoverySpec(StopRule stop, int batchSize, String optimizer, double learningRate, double momentum,
        long seed, Freeze freeze, boolean regrow) {

    public RecoverySpec {
        if (stop == null || freeze == null) {
            throw new IllegalArgumentException("a recovery needs a stop rule and a freeze");
        }
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        // TrainSpec checks the optimiser, learning rate, momentum and batch size as training does
        new TrainSpec(stop.maxEpochs(), batchSize, optimizer, learningRate, momentum, seed);
    }

    /** Adam with {@code learningRate}. */
    public static RecoverySpec adam(StopRule stop, int batchSize, double learningRate, long seed, Freeze freeze,
            boolean regrow) {
        return new RecoverySpec(stop, batchSize, "adam", learningRate, 0, seed, freeze, regrow);
    }

    /** SGD, plain when {@code momentum} is 0, otherwise with classical momentum (see {@link TrainSpec}). */
    public static RecoverySpec sgd(StopRule stop, int batchSize, double learningRate, double momentum, long seed,
            Freeze freeze, boolean regrow) {
        return new RecoverySpec(stop, batchSize, "sgd", learningRate, momentum, seed, freeze, regrow);
    }

    /** The optimiser settings as a {@link TrainSpec} of {@link StopRule#maxEpochs()} epochs. */
    TrainSpec training() {
        return new TrainSpec(stop.maxEpochs(), batchSize, optimizer, learningRate, momentum, seed);
    }
}
