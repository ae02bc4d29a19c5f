package lesion.engine;

import java.util.List;
import lesion.results.Scores;

/**
 * What {@link Recovery} returns: the recovered network (a plain network of the same architecture as the trained one,
 * with the ablation built into its weights, see {@link Recovery}) and its test scores after every epoch, index 0
 * being the damaged network before training.
 */
public record RecoveryResult(Network network, List<Scores> scores) {

    public RecoveryResult {
        scores = List.copyOf(scores);
    }

    /** Epochs trained (the index of the last scores). */
    public int epochs() {
        return scores.size() - 1;
    }

    /** Top-5 accuracy (a fraction) after each epoch, index 0 before training. */
    public double[] top5() {
        return scores.stream().mapToDouble(Scores::top5).toArray();
    }
}
