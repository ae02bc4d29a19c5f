package lesion.engine;

/** Stops after exactly {@code epochs} recovery epochs (0 only measures the damaged network). */
public record FixedEpochs(int epochs) implements StopRule {

    public FixedEpochs {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative: " + epochs);
        }
    }

    @Override
    public boolean shouldStop(double[] top5) {
        return top5.length - 1 >= epochs;
    }

    @Override
    public int maxEpochs() {
        return epochs;
    }

    @Override
    public String toString() {
        return epochs + " epoch" + (epochs == 1 ? "" : "s");
    }
}
