package lesion.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The layers of a model in the order and numbering that the language uses. {@code cannotRun} says why
 * {@code lesion run} cannot run a model read from a file (for example a graph with branches), which
 * check and plan can still lay out; it is null for a model that runs.
 */
public record LayerTable(String modelDescription, List<LayerInfo> layers, String cannotRun) {
    public LayerTable {
        layers = List.copyOf(layers);
    }

    /** A table of a model that runs. */
    public LayerTable(String modelDescription, List<LayerInfo> layers) {
        this(modelDescription, layers, null);
    }

    /** The same table, for a model that cannot run, and why. */
    public LayerTable withCannotRun(String reason) {
        return new LayerTable(modelDescription, layers, reason);
    }

    public int size() {
        return layers.size();
    }

    public LayerInfo get(int index) {
        return layers.get(index);
    }

    public Optional<LayerInfo> byName(String name) {
        return layers.stream().filter(l -> l.name().equalsIgnoreCase(name)).findFirst();
    }

    public List<String> names() {
        return layers.stream().map(LayerInfo::name).toList();
    }

    public long totalParams() {
        return layers.stream().mapToLong(LayerInfo::params).sum();
    }

    /** The layers a kind selector picks: {@code conv}, {@code dense}, or every ablatable layer for {@code all}. */
    public List<LayerInfo> ofKind(String kind) {
        List<LayerInfo> out = new ArrayList<>();
        for (LayerInfo l : layers) {
            boolean match = switch (kind) {
                case "conv" -> l.isConv();
                case "dense" -> l.isDense();
                default -> l.ablatable();
            };
            if (match) {
                out.add(l);
            }
        }
        return out;
    }

    /** The table as {@code lesion layers} prints it. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(modelDescription).append('\n');
        out.append(String.format(Locale.ROOT, "%5s  %-16s %-10s %-14s %12s  %s%n", "index", "name", "type", "output",
                "params", "units"));
        for (LayerInfo l : layers) {
            out.append(String.format(Locale.ROOT, "%5d  %-16s %-10s %-14s %12s  %s%n", l.index(), l.name(), l.type(),
                    l.shapeText(), String.format(Locale.ROOT, "%,d", l.params()),
                    l.ablatable() ? l.units() + " " + l.unitNoun() : "-"));
        }
        out.append(String.format(Locale.ROOT, "total parameters: %,d%n", totalParams()));
        return out.toString();
    }
}
