package lesion.engine;

/**
 * The benchmark's yardstick for {@link Recovery}: plain DL4J training of an undamaged, unfrozen copy of a network,
 * {@code epochs} epochs of {@code fit} on the training set in minibatches of the spec's size and order
 * ({@link Minibatches}, as {@link Trainer} and {@link Recovery} batch), with a fresh optimiser from the spec. Nothing
 * is held at zero, no layer is frozen and nothing is scored, so its time is what the same epochs cost DL4J alone.
 * The caller's network is never modified.
 */
public final class PlainFit {

    private final Cancellation cancellation;

    public PlainFit(Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    /** Trains a copy of {@code network} for {@code spec.stop().maxEpochs()} epochs and returns it. */
    public Network fit(Network network, Dataset data, RecoverySpec spec) {
        network.checkInput(data);
        var net = RecoveryNet.build(network.dl4j(), new boolean[network.layerCount()],
                NetworkFactory.updater(spec.training()), null);
        Minibatches batches = new Minibatches(data, spec.batchSize(), spec.seed());
        for (int epoch = 0; epoch < spec.stop().maxEpochs(); epoch++) {
            batches.fitEpoch(net, cancellation, ProgressListener.NONE, () -> { });
            net.incrementEpochCount();
        }
        return new Network(net);
    }
}
