package lesion.plan;

import lesion.source.Span;

/**
 * Retrains every variant of the preceding ablate: for a fixed number of epochs, or until the
 * top-5 accuracy has not improved by {@code deltaPercent} over {@code patience} epochs (after
 * at least {@code minEpochs}, at most {@code maxEpochs}). {@code freeze} is above, below, none
 * or a layer range {@code freezeFrom..freezeTo}. {@code method} is the preceding ablate's, which the recovery
 * holds in place.
 */
public record RecoverStep(String id, String statement, Span span, long seed, boolean untilPlateau, int minEpochs,
        int maxEpochs, double deltaPercent, int patience, TrainPlan training, String freeze, int freezeFrom,
        int freezeTo, boolean regrow, MethodPlan method, long variants, long trainCount, long testCount)
        implements Step {
    public static final int PLATEAU_MIN = 5;
    public static final double PLATEAU_DELTA = 0.05;
    public static final int PLATEAU_PATIENCE = 2;
    public static final int PLATEAU_MAX = 30;

    public String keyword() {
        return "recover";
    }

    /** Worst case: every variant trains the maximum number of epochs and is evaluated after each. */
    public long forwardPasses() {
        if (trainCount < 0 || testCount < 0) {
            return -1;
        }
        return variants * maxEpochs * (trainCount + testCount);
    }

    /** How the ablation of the preceding ablate is held while training. */
    private String held() {
        return switch (method.kind()) {
            case "zero" -> regrow ? "ablated units (zero): incoming weights and bias start at 0 and may regrow"
                    : "ablated units held removed (zero): their incoming weights and bias set back to 0 after every "
                            + "update";
            case "mask" -> regrow ? "ablated units (mask): outgoing weights start at 0 and may regrow"
                    : "ablated units held removed (mask): their outgoing weights set back to 0 after every update";
            case "mean" -> "ablated units held at their means over the test data in the trained network, in training "
                    + "and evaluation; no gradient flows through them";
            default -> "ablated units held noisy: fresh noise with sigma " + Format.number(method.sigma())
                    + " in every training pass, the ablate's own noise in every evaluation";
        };
    }

    public Tree explain() {
        Tree t = new Tree(heading());
        if (untilPlateau) {
            t.add("until top-5 improves by less than " + Format.percent(deltaPercent) + " over " + patience
                    + " epochs, at least " + minEpochs + ", at most " + maxEpochs + " epochs");
        } else {
            t.add(maxEpochs + " epoch" + (maxEpochs == 1 ? "" : "s"));
        }
        t.add("training: " + training.settings() + ", a fresh optimiser per variant, data shuffled from the step's seed");
        t.add("freeze: " + (freeze.equals("layers") ? "layers " + freezeFrom + ".." + freezeTo : freeze));
        t.add(held());
        t.add("networks retrained: " + Format.count(variants) + " (one per variant of the preceding ablate, each "
                + "continuing from where it stands), scored on the test set after every epoch");
        t.add("seed: " + seed);
        t.add("forward passes: at most " + Format.count(forwardPasses()) + " (training and per-epoch evaluation)");
        return t;
    }
}
