package lesion.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import lesion.ast.LayerRef;
import lesion.ast.LayerTarget;
import lesion.source.Diagnostics;
import lesion.source.Hints;

/** Resolves layer references and selectors against a model's layer table, reporting what does not exist. */
public final class LayerResolver {
    private final LayerTable table;

    public LayerResolver(LayerTable table) {
        this.table = table;
    }

    /** One layer by index or name; empty (with a diagnostic) if there is no such layer. */
    public Optional<LayerInfo> resolve(LayerRef ref, Diagnostics out) {
        if (ref.isIndex()) {
            long i = ref.index().value();
            if (i < 0 || i >= table.size()) {
                out.error(ref.span(), String.format(Locale.ROOT, "layer %d does not exist: the model has layers 0..%d",
                        i, table.size() - 1), "'lesion layers' (':layers' in the REPL) lists them");
                return Optional.empty();
            }
            return Optional.of(table.get((int) i));
        }
        Optional<LayerInfo> found = table.byName(ref.name());
        if (found.isEmpty()) {
            String hint = Hints.didYouMean(ref.name(), table.names());
            out.error(ref.span(), "no layer is named '" + ref.name() + "'",
                    hint != null ? hint : "'lesion layers' (':layers' in the REPL) lists the names");
        }
        return found;
    }

    /** The layers a target names, in index order; only ablatable layers are accepted. */
    public List<LayerInfo> resolveAblatable(LayerTarget target, Diagnostics out) {
        List<LayerInfo> layers = new ArrayList<>();
        if (target instanceof LayerTarget.One one) {
            resolve(one.layer(), out).ifPresent(l -> {
                if (requireAblatable(l, one.layer(), out)) {
                    layers.add(l);
                }
            });
        } else if (target instanceof LayerTarget.Many many) {
            for (LayerRef ref : many.layers()) {
                resolve(ref, out).ifPresent(l -> {
                    if (requireAblatable(l, ref, out)) {
                        if (layers.contains(l)) {
                            out.error(ref.span(), "layer " + l.index() + " is named twice");
                        } else {
                            layers.add(l);
                        }
                    }
                });
            }
        } else if (target instanceof LayerTarget.Range range) {
            Optional<LayerInfo> from = resolve(range.from(), out);
            Optional<LayerInfo> to = resolve(range.to(), out);
            if (from.isPresent() && to.isPresent()) {
                if (from.get().index() > to.get().index()) {
                    out.error(range.from().span().to(range.to().span()), String.format(Locale.ROOT, "the range %d..%d is empty",
                            from.get().index(), to.get().index()), "write the lower layer first");
                } else {
                    for (int i = from.get().index(); i <= to.get().index(); i++) {
                        if (table.get(i).ablatable()) {
                            layers.add(table.get(i));
                        }
                    }
                    if (layers.isEmpty()) {
                        out.error(range.span(), "layers " + from.get().index() + ".." + to.get().index()
                                + " contain no dense or conv layer to ablate");
                    }
                }
            }
        } else if (target instanceof LayerTarget.Kind kind) {
            layers.addAll(table.ofKind(kind.kind().text()));
            if (layers.isEmpty()) {
                out.error(kind.kind().span(), "the model has no " + kind.kind().text() + " layers",
                        "'lesion layers' (':layers' in the REPL) lists the layers and their types");
            }
        }
        return layers;
    }

    /** A single layer that must have units, for analyses. */
    public Optional<LayerInfo> resolveAblatable(LayerRef ref, Diagnostics out) {
        Optional<LayerInfo> l = resolve(ref, out);
        if (l.isPresent() && !requireAblatable(l.get(), ref, out)) {
            return Optional.empty();
        }
        return l;
    }

    private boolean requireAblatable(LayerInfo l, LayerRef ref, Diagnostics out) {
        if (l.ablatable()) {
            return true;
        }
        List<String> candidates = new ArrayList<>();
        for (LayerInfo other : table.layers()) {
            if (other.ablatable() && Math.abs(other.index() - l.index()) <= 3) {
                candidates.add(Integer.toString(other.index()));
            }
        }
        out.error(ref.span(), "layer " + l.describe() + " has no units or filters to ablate",
                candidates.isEmpty() ? null : "nearby layers with units: " + String.join(", ", candidates));
        return false;
    }
}
