package lesion.engine;

import java.util.ArrayList;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Retrains an ablated copy of a trained network (the language's {@code recover}) and scores it on the test set after
 * every epoch. The trained network is never changed.
 *
 * <p>What holds during and after recovery:
 * <ul>
 *   <li><b>The ablation stays in place</b> ({@link Damage}). For {@code zero} and {@code mask} it is built into the
 *       copy's weights ({@link ZeroedWeights}): for zero the units' incoming weights and biases, for mask their
 *       outgoing weights in the next layer with weights (where that is exactly the same as an output held at 0;
 *       elsewhere recovery is refused before any work). Without regrow those weights are set back to exactly 0
 *       after every update, so they are exactly 0 at every evaluation and in the result; with regrow they start at 0
 *       and train like the others. With ReLU, a zeroed unit's pre-activation is 0 and ReLU passes no gradient
 *       there, so such a unit stays dead even with regrow unless something feeds it (a batch norm after it, another
 *       activation). For {@code mean} and {@code noise} the units' outputs are held at the end of their block in
 *       every forward pass (their weights are never touched, so regrow changes nothing). Epoch 0's scores are the
 *       damaged network's, the scores the variant had in its sweep.</li>
 *   <li><b>Frozen layers</b> ({@link Freeze}) keep every parameter bit for bit as it was after the ablation
 *       (for mask that includes the zeroed outgoing weights), batch-norm running means and variances included; they
 *       run as at inference (a batch norm normalises with its running statistics) and pass gradients back to the
 *       layers below. How, and why this way, is in {@link RecoveryNet}.</li>
 *   <li><b>Layers that train</b> get a fresh optimiser from the spec (no state from the original training; Adam's
 *       bias correction starts again); their batch norms run in training mode, so their running statistics
 *       update; dropout layers drop.</li>
 *   <li><b>Determinism:</b> the minibatch order is shuffled per epoch from the spec's seed as {@link Trainer} does,
 *       and ND4J's random generator (dropout masks) is seeded from it before training, so the same network, data,
 *       ablation, spec and thread count give bit-identical weights and scores.</li>
 *   <li><b>Stopping:</b> after each epoch the spec's {@link StopRule} sees the top-5 of epochs 0..e.</li>
 * </ul>
 *
 * <p>Progress is reported per minibatch against the most epochs the rule allows; cancellation is checked between
 * minibatches and throws {@link CancelledException}. Training that diverges (NaN or infinite weights) throws an
 * {@link EngineException}.
 */
public final class Recovery {

    private final ProgressListener progress;
    private final Cancellation cancellation;

    public Recovery(ProgressListener progress, Cancellation cancellation) {
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /** A recovery that reports nothing and cannot be cancelled. */
    public Recovery() {
        this(ProgressListener.NONE, Cancellation.none());
    }

    /**
     * A copy of {@code network} with {@code units} of layer {@code layer} removed by {@code method} in its weights,
     * as recovery holds them (zero: incoming weights and bias 0; mask: outgoing weights 0), without any training:
     * what a later pass of a {@code repeat} block continues from. {@code network} is not changed.
     */
    public static Network damaged(Network network, int layer, int[] units, Ablation method) {
        network.checkLayer(layer);
        Damage.checkUnits(network, layer, units);
        ZeroedWeights zeroed = ZeroedWeights.of(network, layer, units, method);
        MultiLayerNetwork source = network.dl4j();
        MultiLayerNetwork copy = new MultiLayerNetwork(source.getLayerWiseConfigurations().clone());
        copy.init(source.params().dup(), false);
        zeroed.apply(copy);
        return new Network(copy);
    }

    /**
     * Ablates {@code units} of layer {@code layer} of a copy of {@code trained} with {@code method}, scores it
     * (epoch 0), then retrains it on the training part of {@code data} as {@code spec} says, scoring it on the test
     * part after every epoch. {@code listener} receives each epoch's scores as soon as they exist. Throws
     * IllegalArgumentException, before any work, for a layer without units, units that do not exist, a freeze range
     * past the last layer, and an ablation that recovery cannot hold (see {@link Damage}). The same as
     * {@link #recover(Network, Dataset, Damage, RecoverySpec, EpochListener)} with the damage as variant 0 of a
     * sweep.
     */
    public RecoveryResult recover(Network trained, Dataset data, int layer, int[] units, Ablation method,
            RecoverySpec spec, EpochListener listener) {
        return recover(trained, data, Damage.of(trained, data, layer, units, method, 0), spec, listener);
    }

    /**
     * Retrains a copy of {@code from} with {@code damage} held in place, as above: {@code from} is the trained
     * network or one a recovery with the same damage returned (recover twice continues).
     */
    public RecoveryResult recover(Network from, Dataset data, Damage damage, RecoverySpec spec,
            EpochListener listener) {
        int layer = damage.layer();
        from.checkLayer(layer);
        from.checkInput(data);
        boolean[] frozen = spec.freeze().frozenLayers(layer, from.layerCount());

        MultiLayerNetwork source = from.dl4j();
        // the network that is scored and returned: the trained configuration with the current weights
        MultiLayerNetwork damaged = new MultiLayerNetwork(source.getLayerWiseConfigurations().clone());
        damaged.init(source.params().dup(), false);
        damage.applyToWeights(damaged);
        Network scored = new Network(damaged);
        MultiLayerNetwork training = RecoveryNet.build(damaged, frozen, NetworkFactory.updater(spec.training()),
                damage.inWeights() ? null : damage.hold(scored, spec.seed()));

        List<Scores> scores = new ArrayList<>();
        record(scores, 0, damage.evaluate(scored, data), listener);
        Minibatches batches = new Minibatches(data, spec.batchSize(), spec.seed());
        Runnable afterStep = spec.regrow() ? () -> { } : () -> damage.applyToWeights(training);
        int maxEpochs = spec.stop().maxEpochs();
        // dropout draws from ND4J's (per-thread) generator: seeded here, the masks repeat on a rerun
        Nd4j.getRandom().setSeed(spec.seed());
        progress.start("recover " + from.layerName(layer), (long) maxEpochs * batches.perEpoch(), "batches");
        try {
            for (int epoch = 1; !spec.stop().shouldStop(top5(scores)); epoch++) {
                cancellation.check();
                batches.fitEpoch(training, cancellation, progress, afterStep);
                training.incrementEpochCount();
                Trainer.requireFinite(training, epoch - 1, maxEpochs, spec.learningRate());
                damaged.params().assign(training.params());
                record(scores, epoch, damage.evaluate(scored, data), listener);
            }
        } finally {
            progress.finish();
        }
        return new RecoveryResult(scored, scores);
    }

    private static void record(List<Scores> scores, int epoch, Scores s, EpochListener listener) {
        scores.add(s);
        listener.epochDone(epoch, s);
    }

    private static double[] top5(List<Scores> scores) {
        return scores.stream().mapToDouble(Scores::top5).toArray();
    }
}
