package lesion.check;

import java.nio.file.Path;
import java.util.Optional;
import lesion.ast.ModelSpec;

/**
 * Gives the layer table of a model that is declared by a file (DL4J zip, Keras h5) or by the
 * model zoo: these need the engine to read them. Built-in models are laid out by {@link ModelLayouts}.
 */
public interface ModelInspector {
    /** The layers, or empty with {@code problem} explaining why they cannot be known. */
    Optional<LayerTable> layers(ModelSpec spec, Path resolvedPath, StringBuilder problem);

    /** An inspector that knows no file models. */
    ModelInspector NONE = (spec, path, problem) -> {
        problem.append("this version of lesion cannot read the layers of a '").append(kind(spec))
                .append("' model yet");
        return Optional.empty();
    };

    private static String kind(ModelSpec spec) {
        if (spec instanceof ModelSpec.File) {
            return "model file";
        }
        if (spec instanceof ModelSpec.Keras) {
            return "model keras";
        }
        return "model zoo";
    }
}
