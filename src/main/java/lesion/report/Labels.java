package lesion.report;

import java.util.Locale;

/** How the report names layers, variants and numbers (always {@link Locale#ROOT}). */
final class Labels {
    private Labels() {
    }

    /** {@code hidden1 (layer 0)}, or {@code layer 0} when the layer has no name. */
    static String layer(String index, String name) {
        return name == null || name.isEmpty() ? "layer " + index : name + " (layer " + index + ")";
    }

    /** A variant as a reader knows it: its layer, its units and how they were chosen. */
    static String variant(String layerIndex, String layerName, String units, String selection) {
        String what = units.contains("+") ? "units " + units(units) : "unit " + units;
        boolean plain = selection.isEmpty() || selection.startsWith("unit");
        return (layerName.isEmpty() ? "layer " + layerIndex : layerName) + " " + what + (plain ? "" : ", " + selection);
    }

    /** Units as the files join them ({@code 3+7}), shortened to the first few and a count when there are many. */
    static String units(String units) {
        String[] all = units.split("\\+");
        return all.length <= 4 ? units : String.join("+", java.util.Arrays.copyOf(all, 3)) + "+… (" + all.length
                + " units)";
    }

    /** A proportion from a {@code percent} column: {@code 25%}, or {@code each variant} when there is none. */
    static String percent(String percent) {
        return percent.isEmpty() ? "no proportion" : percent + "%";
    }

    static String fixed(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
