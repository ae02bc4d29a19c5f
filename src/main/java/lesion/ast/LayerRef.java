package lesion.ast;

import lesion.source.Span;

/** A reference to one layer: by index (as {@code lesion layers} numbers them) or by name. Exactly one is set. */
public record LayerRef(IntLit index, String name, Span span) {
    public static LayerRef byIndex(IntLit index) {
        return new LayerRef(index, null, index.span());
    }

    public static LayerRef byName(String name, Span span) {
        return new LayerRef(null, name, span);
    }

    public boolean isIndex() {
        return index != null;
    }

    @Override
    public String toString() {
        return isIndex() ? Long.toString(index.value()) : '"' + name + '"';
    }
}
