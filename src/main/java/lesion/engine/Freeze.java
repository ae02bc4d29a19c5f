package lesion.engine;

import java.util.Locale;

/**
 * Which layers recovery keeps fixed, relative to the ablated layer k: {@code above} freezes every layer after k
 * (k+1 to the output layer, the paper's setting), {@code below} every layer before it (0 to k-1), {@code none} no
 * layer, {@code layers A..B} layers A to B inclusive (which may include k). Layers are numbered as
 * {@code lesion layers} numbers them; {@code from} and {@code to} are used by {@code layers} only and are 0 otherwise.
 * What a frozen layer does during training is documented in {@link Recovery}.
 */
public record Freeze(Kind kind, int from, int to) {

    /** The forms of the language's {@code freeze} clause. */
    public enum Kind { NONE, ABOVE, BELOW, LAYERS }

    public static final Freeze NONE = new Freeze(Kind.NONE, 0, 0);
    public static final Freeze ABOVE = new Freeze(Kind.ABOVE, 0, 0);
    public static final Freeze BELOW = new Freeze(Kind.BELOW, 0, 0);

    public Freeze {
        if (kind == null) {
            throw new IllegalArgumentException("freeze needs a kind");
        }
        if (kind == Kind.LAYERS ? from < 0 || to < from : from != 0 || to != 0) {
            throw new IllegalArgumentException(kind == Kind.LAYERS ? "freeze layers needs 0 <= from <= to, not "
                    + from + ".." + to : "only freeze layers has a range");
        }
    }

    /** {@code freeze layers from..to}, both inclusive. */
    public static Freeze layers(int from, int to) {
        return new Freeze(Kind.LAYERS, from, to);
    }

    /** The clause as the language writes it: above, below, none, or layers (with the range). */
    public static Freeze of(String kind, int from, int to) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "above" -> ABOVE;
            case "below" -> BELOW;
            case "layers" -> layers(from, to);
            default -> throw new IllegalArgumentException("unknown freeze '" + kind
                    + "'; expected above, below, none or layers A..B");
        };
    }

    /**
     * For a network of {@code layerCount} layers whose layer {@code ablated} was ablated: whether each layer is
     * frozen. Throws when a {@code layers} range reaches past the last layer.
     */
    public boolean[] frozenLayers(int ablated, int layerCount) {
        if (kind == Kind.LAYERS && to >= layerCount) {
            throw new IllegalArgumentException("cannot freeze layers " + from + ".." + to + ": the network has layers 0.."
                    + (layerCount - 1));
        }
        boolean[] frozen = new boolean[layerCount];
        for (int i = 0; i < layerCount; i++) {
            frozen[i] = switch (kind) {
                case NONE -> false;
                case ABOVE -> i > ablated;
                case BELOW -> i < ablated;
                case LAYERS -> i >= from && i <= to;
            };
        }
        return frozen;
    }

    @Override
    public String toString() {
        return kind == Kind.LAYERS ? "layers " + from + ".." + to : kind.name().toLowerCase(Locale.ROOT);
    }
}
