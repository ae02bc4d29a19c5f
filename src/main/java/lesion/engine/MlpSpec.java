package lesion.engine;

import java.util.Arrays;
import java.util.Locale;
import lesion.check.Activations;
import org.nd4j.linalg.activations.Activation;

/**
 * A multi-layer perceptron: {@code sizes} = input, hidden..., output (e.g. 784, 20, 10, 10). Layer {@code i} is the
 * dense map sizes[i] to sizes[i+1]; hidden layers use {@code activation}, the last layer is a softmax output trained
 * with cross-entropy. With {@code bias} false no layer has a bias. Weights start with Xavier initialisation.
 */
public record MlpSpec(int[] sizes, String activation, boolean bias) implements Architecture {

    public MlpSpec {
        if (sizes == null || sizes.length < 2) {
            throw new IllegalArgumentException("an mlp needs at least an input and an output size");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive: " + Arrays.toString(sizes));
            }
        }
        sizes = sizes.clone();
        activation = activation.toLowerCase(Locale.ROOT);
        dl4jActivation(activation); // validates the name
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** The first size. */
    @Override
    public int inputSize() {
        return sizes[0];
    }

    /** The last size. */
    @Override
    public int classes() {
        return sizes[sizes.length - 1];
    }

    /** Number of weight layers (hidden layers plus the output layer). */
    public int layerCount() {
        return sizes.length - 1;
    }

    /** Units of layer {@code i} (its output width). */
    public int units(int layer) {
        return sizes[layer + 1];
    }

    /** The language's name for layer {@code i}: hidden1, hidden2, ..., output. */
    public static String layerName(int layer, int layerCount) {
        return layer == layerCount - 1 ? "output" : "hidden" + (layer + 1);
    }

    static Activation dl4jActivation(String name) {
        return switch (name) {
            case "relu" -> Activation.RELU;
            case "tanh" -> Activation.TANH;
            case "sigmoid" -> Activation.SIGMOID;
            case "leakyrelu" -> Activation.LEAKYRELU;
            case "elu" -> Activation.ELU;
            case "identity" -> Activation.IDENTITY;
            case "softplus" -> Activation.SOFTPLUS;
            case "selu" -> Activation.SELU;
            case "gelu" -> Activation.GELU;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; expected one of "
                    + String.join(", ", Activations.NAMES));
        };
    }

    /** A stable text form, used in cache keys: e.g. {@code mlp 784,20,10,10 relu bias}. */
    @Override
    public String canonical() {
        StringBuilder sb = new StringBuilder("mlp ");
        for (int i = 0; i < sizes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(sizes[i]);
        }
        return sb.append(' ').append(activation).append(bias ? " bias" : " nobias").toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpSpec m && Arrays.equals(m.sizes, sizes) && m.activation.equals(activation)
                && m.bias == bias;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes) * 31 + activation.hashCode() * 2 + (bias ? 1 : 0);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
