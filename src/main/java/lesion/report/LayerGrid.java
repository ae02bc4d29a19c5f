package lesion.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ablate step's {@code -layers.csv} arranged by layer and proportion: the layers in order of
 * depth, the proportions in increasing order, and any column's value for a layer and proportion,
 * averaged over the networks when the study has several (the file has a row per network).
 */
final class LayerGrid {
    final CsvTable table;
    final List<String> layers = new ArrayList<>();
    final Map<String, String> layerNames = new LinkedHashMap<>();
    final List<String> percents = new ArrayList<>();

    LayerGrid(CsvTable table) {
        this.table = table;
        for (int r = 0; r < table.size(); r++) {
            String layer = table.cell(r, "layer");
            if (!layers.contains(layer)) {
                layers.add(layer);
                layerNames.put(layer, table.cell(r, "layer_name"));
            }
            String percent = table.cell(r, "percent");
            if (!percents.contains(percent)) {
                percents.add(percent);
            }
        }
        layers.sort(Comparator.comparingInt(Integer::parseInt));
        percents.sort(Comparator.comparingDouble(p -> p.isEmpty() ? -1 : Double.parseDouble(p)));
    }

    /** How many networks the file holds. */
    int networks() {
        java.util.Set<String> instances = new java.util.HashSet<>();
        for (int r = 0; r < table.size(); r++) {
            instances.add(table.cell(r, "instance"));
        }
        return instances.size();
    }

    /** The mean over networks of {@code column} at a layer and proportion; NaN when there is no such row. */
    double mean(String layer, String percent, String column) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < table.size(); r++) {
            if (table.cell(r, "layer").equals(layer) && table.cell(r, "percent").equals(percent)) {
                double v = table.number(r, column);
                if (!Double.isNaN(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The axis labels of the layers: their index, as {@code lesion layers} numbers them. */
    String[] layerLabels() {
        return layers.toArray(new String[0]);
    }
}
