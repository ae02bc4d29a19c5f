package lesion.engine;

import java.util.Arrays;
import java.util.Random;
import lesion.results.Scores;

/**
 * An ablation as {@link Recovery} holds it in place while a network retrains: the units of a layer, the method, and
 * what the method needs to be the same ablation at every epoch as in the sweep that measured it.
 *
 * <ul>
 *   <li>{@code zero} and {@code mask} live in the weights ({@link ZeroedWeights}): set to 0 before training and,
 *       unless regrow, after every update; the network is scored as it is.</li>
 *   <li>{@code mean} holds each unit's output at the end of its block at the constants the sweep used: its mean (per
 *       position for a filter) over the test set in the <em>trained, unablated</em> network, computed once here.
 *       While the layers below retrain, the units keep those constants (they do not follow the new means).</li>
 *   <li>{@code noise} adds noise at the end of the units' block. While training, every forward pass draws fresh
 *       numbers (a training image never sees the same noise twice, as with dropout), from a generator seeded by the
 *       recovery's seed. Every evaluation adds the sweep's own noise for this variant (its index in the sweep and
 *       the ablation's seed), so epoch 0 is the sweep's score and the curve compares epochs on the same noise.</li>
 * </ul>
 *
 * <p>Mean and noise are held by a layer wrapped around the end of the units' block in the training network
 * ({@link HeldOutputs}), which sets (mean) or perturbs (noise) the units' channels in the forward pass and passes
 * back a gradient of 0 through a channel held at its mean. They are scored by {@link UnitSweep}'s path with the
 * held constants, so epoch 0 equals the sweep bit for bit. On the output layer they are refused: DL4J's output layer
 * computes the loss itself and cannot be wrapped.
 */
public final class Damage {

    private final int layer;
    private final int[] units;
    private final Ablation method;
    private final int variant;
    private final ZeroedWeights zeroed;
    private final float[] means;

    private Damage(int layer, int[] units, Ablation method, int variant, ZeroedWeights zeroed, float[] means) {
        this.layer = layer;
        this.units = units;
        this.method = method;
        this.variant = variant;
        this.zeroed = zeroed;
        this.means = means;
    }

    /**
     * Units {@code units} of layer {@code layer} of {@code trained} ablated with {@code method}, as variant
     * {@code variant} (its 0-based index in the sweep's list; it seeds noise) of a sweep on {@code data}'s test
     * set. Throws IllegalArgumentException, before any work, for a layer without units, units that do not exist, a
     * mask that cannot be held exactly (see {@link ZeroedWeights}) and mean or noise on the output layer.
     */
    public static Damage of(Network trained, Dataset data, int layer, int[] units, Ablation method, int variant) {
        trained.checkLayer(layer);
        checkUnits(trained, layer, units);
        if (variant < 0) {
            throw new IllegalArgumentException("a variant index is 0 or more, not " + variant);
        }
        int[] sorted = Arrays.stream(units).distinct().sorted().toArray();
        if (method.kind() == Ablation.Kind.ZERO || method.kind() == Ablation.Kind.MASK) {
            return new Damage(layer, sorted, method, variant, ZeroedWeights.of(trained, layer, sorted, method), null);
        }
        if (layer == trained.layerCount() - 1) {
            throw new IllegalArgumentException("recover after using " + method.kind().name().toLowerCase()
                    + " is not implemented yet on the output layer (layer " + layer + ", " + trained.layerName(layer)
                    + "): DL4J's output layer computes the loss itself, so its logits cannot be held while training; "
                    + "'using zero' or 'using mask' recovers there");
        }
        trained.checkInput(data);
        float[] means = method.kind() == Ablation.Kind.MEAN ? new UnitSweep().means(trained, data, layer) : null;
        return new Damage(layer, sorted, method, variant, null, means);
    }

    public int layer() {
        return layer;
    }

    /** The ablated units, sorted, each once. */
    public int[] units() {
        return units.clone();
    }

    public Ablation method() {
        return method;
    }

    /** Whether the ablation lives in the weights (zero, mask) rather than in a held output (mean, noise). */
    boolean inWeights() {
        return zeroed != null;
    }

    /** Sets the zeroed weights of a zero or mask ablation to exactly 0 in {@code net}; nothing for mean and noise. */
    void applyToWeights(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        if (zeroed != null) {
            zeroed.apply(net);
        }
    }

    /** The wrapper that holds a mean or noise ablation while training, drawing training noise from {@code seed}. */
    HeldOutputs.Hold hold(Network network, long seed) {
        int end = CnnPath.blockEnd(network.dl4j(), layer);
        return new HeldOutputs.Hold(end, units, means, method.sigma(), new Random(seed ^ 0x6E6F697365L));
    }

    /** The test scores of {@code network} (with this damage in its weights, for zero and mask) with the damage on. */
    Scores evaluate(Network network, Dataset data) {
        if (zeroed != null) {
            return network.evaluate(data);
        }
        return new UnitSweep().held(network, data, layer, method, units, variant, means);
    }

    /** Throws IllegalArgumentException for a layer without units or units it does not have. */
    static void checkUnits(Network network, int layer, int[] units) {
        int count = network.units(layer);
        if (count == 0) {
            throw new IllegalArgumentException("layer " + layer + " (" + network.layerName(layer)
                    + ") has no units or filters to ablate");
        }
        for (int u : units) {
            if (u < 0 || u >= count) {
                throw new IllegalArgumentException("unit " + u + " does not exist in layer " + layer + " ("
                        + network.layerName(layer) + " has units 0.." + (count - 1) + ")");
            }
        }
    }
}
