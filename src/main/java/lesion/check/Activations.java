package lesion.check;

import java.util.List;

/** The activation names a {@code model mlp} statement accepts; the engine maps every one of them. */
public final class Activations {
    public static final List<String> NAMES = List.of("relu", "tanh", "sigmoid", "leakyrelu", "elu", "identity",
            "softplus", "selu", "gelu");

    private Activations() {
    }
}
