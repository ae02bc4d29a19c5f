package lesion.engine;

import java.util.Random;

/**
 * How a {@link UnitSweep} removes the units of a variant from a dense layer.
 *
 * <ul>
 * <li>{@code ZERO}: the unit's incoming weights and bias set to 0, i.e. its pre-activation z is 0 and its output is
 * act(0) (0 for relu and tanh, 0.5 for sigmoid).</li>
 * <li>{@code MASK}: the unit's output after the activation, a = act(z), set to 0. For activations with act(0) = 0
 * (relu, tanh, leaky relu, elu, identity, selu, gelu) mask and zero give the same results; for sigmoid (act(0) =
 * 0.5) and softplus (ln 2) they differ.</li>
 * <li>{@code MEAN}: the unit's output replaced by its mean over the whole test set, taken from the unablated
 * network: a double-precision sum of the float outputs in row order, divided by the number of images and rounded
 * to float. It is computed once per sweep, before any variant, and does not depend on the chunking.</li>
 * <li>{@code NOISE}: {@code (float) (sigma * g)} added to the unit's output for every test image, where g is a
 * standard normal number from {@link java.util.Random#nextGaussian()} (whose algorithm its Javadoc specifies, so
 * the numbers are the same on every JVM). Variant v's unit u has its own generator, seeded with
 * {@link #noiseSeed(int, int)} from this ablation's seed, v and u, and consumed in the order of the test images:
 * image r gets its (r+1)-th number, however the images are chunked, and a unit's noise does not depend on which
 * other units or variants the sweep has.</li>
 * </ul>
 *
 * <p>In a CNN a unit is a filter of a convolution (or a unit of a dense layer of its classifier), and its "output" is
 * the end of its block: the channel after the batch norms and activation layers that directly follow the layer
 * (VGG-19-BN's conv, batch norm, ReLU). {@code zero} sets the layer's own output channel to its activation of 0 (0
 * for VGG's identity convolutions) and lets the batch norm run, which shifts it to β − γ·μ/√(σ² + ε) before the
 * ReLU, so zero does not silence such a filter (the sweep measures whether it did). {@code mask} sets the whole
 * channel at the block's end to 0; {@code mean} replaces each of its positions by that position's mean over the
 * test set (a mean feature map, summed as above); {@code noise} adds its own number to every position, an image's
 * positions taken in row-major order (row, then column) before the next image's.
 *
 * <p>On the output layer the "output" is the logits that are scored: the softmax is never applied (see
 * {@link Scorer}), so mask sets a logit to 0 (the same as zero there), mean sets it to the class's mean logit and
 * noise perturbs the logit.
 */
public record Ablation(Kind kind, double sigma, long seed) {

    /** The methods of the language's {@code using} clause. */
    public enum Kind { ZERO, MASK, MEAN, NOISE }

    public static final Ablation ZERO = new Ablation(Kind.ZERO, 0, 0);
    public static final Ablation MASK = new Ablation(Kind.MASK, 0, 0);
    public static final Ablation MEAN = new Ablation(Kind.MEAN, 0, 0);

    public Ablation {
        if (kind == null) {
            throw new IllegalArgumentException("an ablation needs a method");
        }
        if (kind == Kind.NOISE ? !(sigma > 0 && Double.isFinite(sigma)) : sigma != 0) {
            throw new IllegalArgumentException(kind == Kind.NOISE ? "noise needs a positive finite sigma, not " + sigma
                    : "only noise has a sigma");
        }
    }

    /** Gaussian noise with standard deviation {@code sigma}, drawn from generators derived from {@code seed}. */
    public static Ablation noise(double sigma, long seed) {
        return new Ablation(Kind.NOISE, sigma, seed);
    }

    /**
     * The method named as in the language ({@code zero}, {@code mask}, {@code mean}, {@code noise}); {@code sigma}
     * and {@code seed} matter only for noise.
     */
    public static Ablation of(String kind, double sigma, long seed) {
        return switch (kind) {
            case "zero" -> ZERO;
            case "mask" -> MASK;
            case "mean" -> MEAN;
            case "noise" -> noise(sigma, seed);
            default -> throw new IllegalArgumentException("unknown ablation method '" + kind + "'");
        };
    }

    /** Whether the method acts on the layer's output after its activation (all but zero). */
    boolean onOutput() {
        return kind != Kind.ZERO;
    }

    /**
     * The seed of the noise generator of unit {@code unit} in variant {@code variant} (its index in the sweep's list):
     * SplitMix64's finaliser applied to the seed, then after adding the variant, then after adding the unit.
     */
    long noiseSeed(int variant, int unit) {
        return mix64(mix64(mix64(seed) + variant) + unit);
    }

    /** The generator of {@link #noiseSeed}; image r of the test set takes its (r+1)-th {@code nextGaussian()}. */
    Random noiseGenerator(int variant, int unit) {
        return new Random(noiseSeed(variant, unit));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return kind == Kind.NOISE ? "noise " + sigma : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
