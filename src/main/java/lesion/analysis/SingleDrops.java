package lesion.analysis;

import java.util.Arrays;
import java.util.List;

/** Single-unit ablations looked up by unit: the analyses need exactly one for each unit of the layer. */
final class SingleDrops {
    private SingleDrops() {
    }

    /** {@code singles} indexed by their unit; every unit 0..units−1 must have exactly one. */
    static UnitDrop[] index(List<UnitDrop> singles, int units, int layer) {
        UnitDrop[] byUnit = new UnitDrop[units];
        for (UnitDrop d : singles) {
            if (d.units().length != 1 || d.units()[0] < 0 || d.units()[0] >= units) {
                throw new IllegalArgumentException("units " + Arrays.toString(d.units()) + " are not a single unit of"
                        + " layer " + layer + "'s " + units);
            }
            if (byUnit[d.units()[0]] != null) {
                throw new IllegalArgumentException("unit " + d.units()[0] + " of layer " + layer
                        + " has two single-unit ablations");
            }
            byUnit[d.units()[0]] = d;
        }
        for (int u = 0; u < units; u++) {
            if (byUnit[u] == null) {
                throw new IllegalArgumentException("unit " + u + " of layer " + layer + " has no single-unit ablation");
            }
        }
        return byUnit;
    }

    /** The top-1 drop of each unit's single-unit ablation. */
    static double[] byUnit(List<UnitDrop> singles, int units, int layer) {
        return Arrays.stream(index(singles, units, layer)).mapToDouble(UnitDrop::top1Drop).toArray();
    }
}
