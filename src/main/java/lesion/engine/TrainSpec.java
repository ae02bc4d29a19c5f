package lesion.engine;

import java.util.Locale;

/**
 * How to train: {@code epochs} passes over the training set in minibatches of {@code batchSize}, reshuffled every
 * epoch from {@code seed}; optimizer "adam" or "sgd" with {@code learningRate}. For sgd, {@code momentum} 0 means
 * plain SGD and a positive value classical (heavy-ball) momentum: v = momentum*v + lr*g, w -= v. This is not
 * DL4J's Nesterovs updater, whose Nesterov look-ahead gives different weights. Adam requires momentum 0.
 */
public record TrainSpec(int epochs, int batchSize, String optimizer, double learningRate, double momentum,
        long seed) {

    public TrainSpec {
        optimizer = optimizer.toLowerCase(Locale.ROOT);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative: " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchSize);
        }
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; expected adam or sgd");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number: " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
        }
        if (optimizer.equals("adam") && momentum != 0) {
            throw new IllegalArgumentException("momentum applies to sgd only, not adam");
        }
    }

    /** Adam with the given learning rate. */
    public static TrainSpec adam(int epochs, int batchSize, double learningRate, long seed) {
        return new TrainSpec(epochs, batchSize, "adam", learningRate, 0, seed);
    }

    /** SGD, plain when momentum is 0, otherwise with classical momentum. */
    public static TrainSpec sgd(int epochs, int batchSize, double learningRate, double momentum, long seed) {
        return new TrainSpec(epochs, batchSize, "sgd", learningRate, momentum, seed);
    }

    /** A stable text form, used in cache keys; doubles are written exactly (Double.toString round-trips). */
    public String canonical() {
        return "train epochs=" + epochs + " batch=" + batchSize + " optimizer=" + optimizer + " lr="
                + Double.toString(learningRate) + " momentum=" + Double.toString(momentum) + " seed=" + seed;
    }
}
