package lesion.plan;

import java.util.Locale;

/**
 * How the networks are trained: epochs, batch size and optimiser (adam, or sgd with momentum).
 * Defaults when not written: batch 64, adam 0.001.
 */
public record TrainPlan(int epochs, int batch, String optimizer, double rate, double momentum) {
    public static final int DEFAULT_BATCH = 64;
    public static final double DEFAULT_ADAM_RATE = 0.001;

    public String describe() {
        return String.format(Locale.ROOT, "%d epoch%s, %s", epochs, epochs == 1 ? "" : "s", settings());
    }

    /** Batch size and optimiser, without the epochs (a recovery has its own stopping rule). */
    public String settings() {
        String opt = optimizer.equals("sgd")
                ? "sgd lr " + Format.number(rate) + (momentum > 0 ? " momentum " + Format.number(momentum) : "")
                : "adam lr " + Format.number(rate);
        return String.format(Locale.ROOT, "batch %d, %s", batch, opt);
    }
}
