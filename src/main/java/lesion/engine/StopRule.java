package lesion.engine;

/**
 * When {@link Recovery} stops retraining a variant: after a fixed number of epochs ({@link FixedEpochs}) or when
 * top-5 has reached a plateau ({@link Plateau}). A rule is a pure function of the top-5 accuracies so far, so it can
 * be tested on constructed curves and gives the same decision on a rerun.
 */
public sealed interface StopRule permits FixedEpochs, Plateau {

    /**
     * Whether to stop now. {@code top5[0]} is the top-5 accuracy (a fraction in [0, 1]) of the network right after
     * the ablation, before any training; {@code top5[e]} is the top-5 accuracy after recovery epoch {@code e}. The
     * array therefore ends with the epoch just finished, {@code top5.length - 1}.
     */
    boolean shouldStop(double[] top5);

    /** The most epochs the rule lets training run (the planned work, for progress reports). */
    int maxEpochs();

    /** {@code recover N epochs}. */
    static StopRule epochs(int epochs) {
        return new FixedEpochs(epochs);
    }

    /** {@code recover until plateau min A epochs delta D% patience P max M epochs}. */
    static StopRule plateau(int minEpochs, double deltaPoints, int patience, int maxEpochs) {
        return new Plateau(minEpochs, deltaPoints, patience, maxEpochs);
    }
}
