package lesion.plan;

import java.nio.file.Path;
import lesion.check.LayerTable;

/**
 * The network a study works on: its kind (mlp, vgg19, file, keras, zoo), its layer table and what
 * the engine builds it from: for the MLP the sizes, activation and bias; for VGG-19 whether it has
 * batch normalisation and its width (channel scale); for file and keras models the file (as the study
 * writes it, relative to the study's folder); for zoo models the zoo's name ({@code vgg16}).
 */
public record ModelPlan(String kind, String description, LayerTable layers, int[] sizes, String activation,
        boolean bias, boolean batchNorm, double width, Path file, Path weights, String zoo) {
}
