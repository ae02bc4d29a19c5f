package lesion.engine;

/**
 * A network the engine can build from its declaration and train: the built-in MLP or VGG-19. The DL4J network is
 * made by {@link NetworkFactory#build}, which is the one place that knows every kind.
 */
public sealed interface Architecture permits MlpSpec, Vgg19Spec {

    /** A stable text form, used in model-cache keys: equal texts mean equal initial networks for a seed. */
    String canonical();

    /** Input values per sample (a flattened image: channels × height × width). */
    int inputSize();

    /** Outputs of the softmax layer (classes). */
    int classes();
}
