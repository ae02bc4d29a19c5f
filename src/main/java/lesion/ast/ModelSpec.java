package lesion.ast;

import java.util.List;
import lesion.source.Span;

/** The network a study works on. */
public sealed interface ModelSpec {
    Span span();

    /** {@code mlp 784-20-10-10 relu nobias}: sizes from input to output; activation of hidden layers. */
    record Mlp(List<IntLit> sizes, Word activation, boolean bias, Span span) implements ModelSpec {
        public Mlp {
            sizes = List.copyOf(sizes);
        }
    }

    /** {@code vgg19 [bn] [width W]}. */
    record Vgg19(boolean batchNorm, NumLit width, Span span) implements ModelSpec {
    }

    /** {@code file "x.zip"}: a model saved by DL4J. */
    record File(StrLit path, Span span) implements ModelSpec {
    }

    /** {@code keras "x.h5"}: a Keras model imported by DL4J. */
    record Keras(StrLit path, Span span) implements ModelSpec {
    }

    /** {@code zoo vgg19 imagenet}: a pretrained network from DL4J's model zoo. */
    record Zoo(Word name, Word weights, Span span) implements ModelSpec {
    }
}
