package lesion.check;

import java.util.Arrays;
import java.util.Locale;

/**
 * One layer of a model as the language numbers it: index, name, type, output shape, parameter
 * count and, for layers that can be ablated, how many units (dense) or filters (conv) it has.
 */
public record LayerInfo(int index, String name, String type, int[] outputShape, long params, int units,
        boolean batchNormAfter) {

    /** Dense and convolutional layers have units or filters; activations, norms and pools do not. */
    public boolean ablatable() {
        return units > 0;
    }

    public boolean isDense() {
        return type.equals("dense") || type.equals("output");
    }

    public boolean isConv() {
        return type.equals("conv");
    }

    /** "units" for dense layers, "filters" for convolutions. */
    public String unitNoun() {
        return isConv() ? "filters" : "units";
    }

    /** The output shape as {@code 16x14x14}, or {@code ?} when it cannot be known before running. */
    public String shapeText() {
        if (outputShape.length == 0) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < outputShape.length; i++) {
            if (i > 0) {
                out.append('x');
            }
            out.append(outputShape[i]);
        }
        return out.toString();
    }

    /** The short description used in messages and plans: {@code 0 (hidden1, dense, 20 units)}. */
    public String describe() {
        if (ablatable()) {
            return String.format(Locale.ROOT, "%d (%s, %s, %d %s)", index, name, type, units, unitNoun());
        }
        return String.format(Locale.ROOT, "%d (%s, %s)", index, name, type);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && l.index == index && l.name.equals(name) && l.type.equals(type)
                && Arrays.equals(l.outputShape, outputShape) && l.params == params && l.units == units
                && l.batchNormAfter == batchNormAfter;
    }

    @Override
    public int hashCode() {
        return index * 31 + name.hashCode();
    }
}
