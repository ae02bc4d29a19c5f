package lesion.ast;

import java.util.List;
import lesion.source.Span;

/** Which layers an {@code ablate} acts on: one layer, a range, a kind, or a list. */
public sealed interface LayerTarget {
    Span span();

    /** {@code layer 33} or {@code layer "features.33"}. */
    record One(LayerRef layer, Span span) implements LayerTarget {
    }

    /** {@code layers 3..7} (inclusive). */
    record Range(LayerRef from, LayerRef to, Span span) implements LayerTarget {
    }

    /** {@code layers conv}, {@code layers dense}, {@code layers all}. */
    record Kind(Word kind, Span span) implements LayerTarget {
    }

    /** {@code layers 0, 2, 5}. */
    record Many(List<LayerRef> layers, Span span) implements LayerTarget {
        public Many {
            layers = List.copyOf(layers);
        }
    }
}
