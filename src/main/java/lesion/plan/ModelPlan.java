package lesion.plan;

import java.nio.file.Path;
import lesion.check.LayerTable;

/**
 * The network a study works on: its kind (mlp, vgg19, file, keras, zoo), its layer table and,
 * for the built-in MLP, the sizes, activation and bias the engine builds it from.
 */
public record ModelPlan(String kind, String description, LayerTable layers, int[] sizes, String activation,
        boolean bias, Path file, Path weights) {
}
