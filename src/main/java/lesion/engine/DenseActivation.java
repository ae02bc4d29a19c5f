package lesion.engine;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * A hidden layer's activation in plain Java, applied in place to a run of floats, for {@link DenseSweep}. ReLU,
 * leaky ReLU and the identity give exactly ND4J's floats; tanh and sigmoid go through {@link Math} in double
 * precision and may differ from ND4J's in the last bit. Other activations (elu, softplus, selu, gelu, a ReLU with a
 * cap or threshold) have no counterpart here: their networks take the sweep's ND4J path.
 */
final class DenseActivation {

    private enum Kind { IDENTITY, RELU, LEAKY_RELU, TANH, SIGMOID }

    private final Kind kind;
    private final float alpha;

    private DenseActivation(Kind kind, float alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    /** The Java counterpart of {@code fn}, or null when there is none. */
    static DenseActivation of(IActivation fn) {
        if (fn instanceof ActivationReLU relu) {
            boolean plain = isZeroOrNull(relu.getMax()) && isZeroOrNull(relu.getThreshold())
                    && isZeroOrNull(relu.getNegativeSlope());
            return plain ? new DenseActivation(Kind.RELU, 0) : null;
        }
        if (fn instanceof ActivationLReLU leaky) {
            return new DenseActivation(Kind.LEAKY_RELU, (float) leaky.getAlpha());
        }
        if (fn instanceof ActivationIdentity) {
            return new DenseActivation(Kind.IDENTITY, 0);
        }
        if (fn instanceof ActivationTanH) {
            return new DenseActivation(Kind.TANH, 0);
        }
        if (fn instanceof ActivationSigmoid) {
            return new DenseActivation(Kind.SIGMOID, 0);
        }
        return null;
    }

    private static boolean isZeroOrNull(Double d) {
        return d == null || d == 0;
    }

    /** Applies the activation to {@code v[from..from+count)} in place. */
    void apply(float[] v, int from, int count) {
        int to = from + count;
        switch (kind) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    v[i] = Math.max(v[i], 0f);
                }
            }
            case LEAKY_RELU -> {
                for (int i = from; i < to; i++) {
                    float x = v[i];
                    v[i] = x < 0 ? alpha * x : x;
                }
            }
            case TANH -> {
                for (int i = from; i < to; i++) {
                    v[i] = (float) Math.tanh(v[i]);
                }
            }
            case SIGMOID -> {
                for (int i = from; i < to; i++) {
                    v[i] = (float) (1 / (1 + Math.exp(-v[i])));
                }
            }
        }
    }
}
