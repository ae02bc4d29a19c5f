package lesion.analysis;

import java.util.List;

/**
 * {@code selectivity layer L}: how unevenly a class is spread over a layer's units (Meyes et al. 2019, §4.1). Per
 * class, the sample standard deviation (n − 1 in the denominator) over the layer's units of the class's top-1 drop
 * in each unit's single-unit ablation, with the mean drop beside it. A high deviation means a few units carry the
 * class; a low one, that it is spread evenly. A class without test images has NaN figures.
 */
public final class Selectivity {
    private Selectivity() {
    }

    /** The analysis of one network's layer of {@code units} units; {@code singles} one per unit. */
    public static SelectivityResult of(int layer, String layerName, int units, List<UnitDrop> singles) {
        UnitDrop[] single = SingleDrops.index(singles, units, layer);
        int classes = 0;
        for (UnitDrop d : single) {
            classes = Math.max(classes, d.perClassDrop().length);
        }
        double[] std = new double[classes];
        double[] mean = new double[classes];
        for (int c = 0; c < classes; c++) {
            double[] drops = new double[units];
            for (int u = 0; u < units; u++) {
                drops[u] = c < single[u].perClassDrop().length ? single[u].perClassDrop()[c] : Double.NaN;
            }
            mean[c] = mean(drops);
            std[c] = sampleStd(drops, mean[c]);
        }
        return new SelectivityResult(layer, layerName, units, std, mean);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static double sampleStd(double[] values, double mean) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }
}
