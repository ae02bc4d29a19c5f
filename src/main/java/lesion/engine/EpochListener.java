package lesion.engine;

import lesion.results.Scores;

/** Receives a recovering variant's test scores as soon as each epoch is evaluated. */
@FunctionalInterface
public interface EpochListener {

    /** A listener that ignores everything. */
    EpochListener NONE = (epoch, scores) -> { };

    /**
     * Epoch {@code epoch} is done and scored on the test set: 0 is the network right after the ablation (before any
     * training), 1 the network after the first recovery epoch, and so on.
     */
    void epochDone(int epoch, Scores scores);
}
