package lesion.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lesion.analysis.AnalysisResult;
import lesion.analysis.Correlation;
import lesion.analysis.ImportanceResult;
import lesion.analysis.RedundancyResult;
import lesion.analysis.SelectivityResult;
import lesion.analysis.Spread;

/**
 * Writes an analysis step's results, every network so far, beside the other steps' files and with their
 * conventions ({@link ResultWriter}: RFC 4180 CSV with CRLF, drops in percentage points with 4 decimals, missing
 * values empty in CSV and null in JSON, JSON numbers rounded as in the CSV):
 * <ul>
 * <li>{@code importance}: {@code step-N-importance.csv}, one row per network and unit ({@code unit, u, p_value,
 *     log10_p, p_clamped, top1_drop_pp}); {@code step-N-importance-correlations.csv}, one row per network
 *     ({@code units, clamped, pearson_r, pearson_p, spearman_rho, spearman_p}); with several networks
 *     {@code step-N-importance-instances.csv}, the distribution of each coefficient over them ({@code coefficient,
 *     networks, mean, std, min, max}); when each unit's inputs form a square image (784 = 28 × 28),
 *     {@code step-N-importance-weights.json}: the first network's incoming weights per unit before and after
 *     training ({@code side}, {@code initial}, {@code trained}), at most {@link #WEIGHT_UNITS} units, so that the
 *     report can draw them as images.</li>
 * <li>{@code redundancy}: {@code step-N-redundancy.csv}, one row per network and pair ({@code units, pair_drop_pp,
 *     singles_sum_pp, excess_pp, lost_together}, then per class {@code class_<c>_pair_drop_pp},
 *     {@code class_<c>_singles_sum_pp}, {@code class_<c>_excess_pp}); the JSON adds the indices of the test
 *     images lost together ({@code lost_together_samples}).</li>
 * <li>{@code selectivity}: {@code step-N-selectivity.csv}, one row per network and class ({@code class, units,
 *     drop_std_pp, drop_mean_pp}); with several networks {@code step-N-selectivity-instances.csv}, per class the
 *     deviation over networks ({@code networks, drop_std_mean_pp, drop_std_std_pp, drop_std_min_pp,
 *     drop_std_max_pp}).</li>
 * </ul>
 * p-values are printed with 7 significant digits ({@code 1.234568e-05}), U with one decimal (it is a multiple of
 * 0.5), log10(p) and correlation coefficients with 6 decimals. Each JSON file holds {@code step, keyword,
 * statement, scale} and {@code instances} with the CSV's figures per network; with several networks, also
 * {@code over_networks}.
 */
final class AnalysisWriter {
    static final String SCALE = "*_pp are top-1 drops (baseline minus variant) in percentage points, positive a loss;"
            + " excess is the pair's drop minus the sum of its units' single drops; p-values are two-sided; "
            + "*_samples are 0-based test image indices";

    /** The most units whose weights {@code -weights.json} holds: enough to see, small enough to keep the file light. */
    static final int WEIGHT_UNITS = 64;

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes (or replaces) the step's files and returns their paths, CSV first. */
    List<Path> write(Path runDir, List<StepResult> instances) throws IOException {
        StepResult first = instances.get(0);
        String base = ResultWriter.baseName(first.stepId(), first.keyword());
        List<Path> files = new ArrayList<>();
        AnalysisResult kind = first.analysis();
        files.add(written(runDir.resolve(base + ".csv"), csv(instances)));
        files.add(written(runDir.resolve(base + ".json"), json(instances)));
        if (kind instanceof ImportanceResult) {
            files.add(written(runDir.resolve(base + "-correlations.csv"), correlationsCsv(instances)));
            ImportanceResult imp = (ImportanceResult) kind;
            if (side(imp) > 0) {
                files.add(written(runDir.resolve(base + "-weights.json"), weightsJson(first, imp)));
            }
        }
        if (instances.size() > 1 && !(kind instanceof RedundancyResult)) {
            files.add(written(runDir.resolve(base + "-instances.csv"), instancesCsv(instances)));
        }
        return files;
    }

    private static Path written(Path file, String text) throws IOException {
        AtomicFiles.write(file, text);
        return file;
    }

    /** The step's main CSV: per network, one row per unit (importance), pair (redundancy) or class (selectivity). */
    String csv(List<StepResult> instances) {
        StringBuilder out = new StringBuilder();
        AnalysisResult kind = instances.get(0).analysis();
        if (kind instanceof ImportanceResult) {
            Csv.appendRow(out, List.of("step", "instance", "layer", "layer_name", "unit", "u", "p_value", "log10_p",
                    "p_clamped", "top1_drop_pp"));
            for (StepResult r : instances) {
                ImportanceResult imp = (ImportanceResult) r.analysis();
                for (ImportanceResult.Unit u : imp.units()) {
                    Csv.appendRow(out, List.of(r.stepId(), Integer.toString(r.instance()),
                            Integer.toString(imp.layer()), imp.layerName(), Integer.toString(u.unit()), u(u.u()),
                            p(u.pValue()), Numbers.fixed(u.log10P(), 6), u.clamped() ? "yes" : "no",
                            Numbers.pp(u.top1Drop())));
                }
            }
        } else if (kind instanceof RedundancyResult) {
            int classes = classes(instances);
            List<String> header = new ArrayList<>(List.of("step", "instance", "layer", "layer_name", "units",
                    "pair_drop_pp", "singles_sum_pp", "excess_pp", "lost_together"));
            for (String suffix : List.of("_pair_drop_pp", "_singles_sum_pp", "_excess_pp")) {
                for (int c = 0; c < classes; c++) {
                    header.add("class_" + c + suffix);
                }
            }
            Csv.appendRow(out, header);
            for (StepResult r : instances) {
                RedundancyResult red = (RedundancyResult) r.analysis();
                for (RedundancyResult.Pair p : red.pairs()) {
                    List<String> row = new ArrayList<>(List.of(r.stepId(), Integer.toString(r.instance()),
                            Integer.toString(red.layer()), red.layerName(), p.a() + "+" + p.b(),
                            Numbers.pp(p.pairDrop()), Numbers.pp(p.singlesSum()), Numbers.pp(p.excess()),
                            Integer.toString(p.lostTogether().length)));
                    for (int c = 0; c < classes; c++) {
                        row.add(Numbers.pp(at(p.perClassPairDrop(), c)));
                    }
                    for (int c = 0; c < classes; c++) {
                        row.add(Numbers.pp(at(p.perClassSinglesSum(), c)));
                    }
                    for (int c = 0; c < classes; c++) {
                        row.add(Numbers.pp(at(p.perClassPairDrop(), c) - at(p.perClassSinglesSum(), c)));
                    }
                    Csv.appendRow(out, row);
                }
            }
        } else {
            Csv.appendRow(out, List.of("step", "instance", "layer", "layer_name", "class", "units", "drop_std_pp",
                    "drop_mean_pp"));
            for (StepResult r : instances) {
                SelectivityResult sel = (SelectivityResult) r.analysis();
                for (int c = 0; c < sel.perClassStd().length; c++) {
                    Csv.appendRow(out, List.of(r.stepId(), Integer.toString(r.instance()),
                            Integer.toString(sel.layer()), sel.layerName(), Integer.toString(c),
                            Integer.toString(sel.units()), Numbers.pp(sel.perClassStd()[c]),
                            Numbers.pp(sel.perClassMean()[c])));
                }
            }
        }
        return out.toString();
    }

    /** Importance: one row per network with the correlations of log10(p) and the drop. */
    String correlationsCsv(List<StepResult> instances) {
        StringBuilder out = new StringBuilder();
        Csv.appendRow(out, List.of("step", "instance", "layer", "layer_name", "units", "clamped", "pearson_r",
                "pearson_p", "spearman_rho", "spearman_p"));
        for (StepResult r : instances) {
            ImportanceResult imp = (ImportanceResult) r.analysis();
            Csv.appendRow(out, List.of(r.stepId(), Integer.toString(r.instance()), Integer.toString(imp.layer()),
                    imp.layerName(), Integer.toString(imp.units().size()), Integer.toString(imp.clamped()),
                    Numbers.fixed(imp.pearson().coefficient(), 6), p(imp.pearson().pValue()),
                    Numbers.fixed(imp.spearman().coefficient(), 6), p(imp.spearman().pValue())));
        }
        return out.toString();
    }

    /** Over several networks: the spread of importance's coefficients, or of each class's selectivity. */
    String instancesCsv(List<StepResult> instances) {
        StepResult first = instances.get(0);
        AnalysisResult kind = first.analysis();
        StringBuilder out = new StringBuilder();
        if (kind instanceof ImportanceResult imp) {
            Csv.appendRow(out, List.of("step", "layer", "layer_name", "coefficient", "networks", "mean", "std", "min",
                    "max"));
            for (String name : List.of("pearson_r", "spearman_rho")) {
                Spread s = coefficients(instances, name);
                Csv.appendRow(out, List.of(first.stepId(), Integer.toString(imp.layer()), imp.layerName(), name,
                        Integer.toString(s.networks()), Numbers.fixed(s.mean(), 6), Numbers.fixed(s.std(), 6),
                        Numbers.fixed(s.min(), 6), Numbers.fixed(s.max(), 6)));
            }
            return out.toString();
        }
        SelectivityResult sel = (SelectivityResult) kind;
        Csv.appendRow(out, List.of("step", "layer", "layer_name", "class", "networks", "drop_std_mean_pp",
                "drop_std_std_pp", "drop_std_min_pp", "drop_std_max_pp"));
        List<Spread> spreads = selectivity(instances);
        for (int c = 0; c < spreads.size(); c++) {
            Spread s = spreads.get(c);
            Csv.appendRow(out, List.of(first.stepId(), Integer.toString(sel.layer()), sel.layerName(),
                    Integer.toString(c), Integer.toString(s.networks()), Numbers.pp(s.mean()), Numbers.pp(s.std()),
                    Numbers.pp(s.min()), Numbers.pp(s.max())));
        }
        return out.toString();
    }

    /** The step's JSON: per network the CSV's figures; with several networks, their spread. */
    String json(List<StepResult> instances) throws IOException {
        StepResult first = instances.get(0);
        ObjectNode root = ResultWriter.header(json, first, SCALE);
        ArrayNode all = root.putArray("instances");
        for (StepResult r : instances) {
            ObjectNode node = ResultWriter.instance(all, r);
            node.put("layer", r.analysis().layer());
            node.put("layer_name", r.analysis().layerName());
            if (r.analysis() instanceof ImportanceResult imp) {
                putImportance(node, imp);
            } else if (r.analysis() instanceof RedundancyResult red) {
                putRedundancy(node, red);
            } else {
                SelectivityResult sel = (SelectivityResult) r.analysis();
                node.put("units", sel.units());
                pps(node.putArray("per_class_drop_std_pp"), sel.perClassStd());
                pps(node.putArray("per_class_drop_mean_pp"), sel.perClassMean());
            }
        }
        if (instances.size() > 1 && first.analysis() instanceof ImportanceResult) {
            ObjectNode over = root.putObject("over_networks");
            for (String name : List.of("pearson_r", "spearman_rho")) {
                Spread s = coefficients(instances, name);
                ObjectNode node = over.putObject(name);
                node.put("networks", s.networks());
                node.put("mean", number(Numbers.fixed(s.mean(), 6)));
                node.put("std", number(Numbers.fixed(s.std(), 6)));
                node.put("min", number(Numbers.fixed(s.min(), 6)));
                node.put("max", number(Numbers.fixed(s.max(), 6)));
            }
        } else if (instances.size() > 1 && first.analysis() instanceof SelectivityResult) {
            ObjectNode over = root.putObject("over_networks");
            List<Spread> spreads = selectivity(instances);
            over.put("networks", instances.size());
            ArrayNode mean = over.putArray("per_class_drop_std_mean_pp");
            ArrayNode std = over.putArray("per_class_drop_std_std_pp");
            for (Spread s : spreads) {
                mean.add(Numbers.jsonPp(s.mean()));
                std.add(Numbers.jsonPp(s.std()));
            }
        }
        return json.writeValueAsString(root) + "\n";
    }

    /** The side of the square image each unit's incoming weights form, or 0 when they form none. */
    static int side(ImportanceResult imp) {
        int inputs = imp.trained().length == 0 ? 0 : imp.trained()[0].length;
        int side = (int) Math.round(Math.sqrt(inputs));
        return inputs > 1 && side * side == inputs ? side : 0;
    }

    /** Importance on its first network: the units' incoming weights before and after training, row by row. */
    String weightsJson(StepResult first, ImportanceResult imp) throws IOException {
        ObjectNode root = json.createObjectNode();
        root.put("step", first.stepId());
        root.put("instance", first.instance());
        root.put("layer", imp.layer());
        root.put("layer_name", imp.layerName());
        root.put("side", side(imp));
        root.put("units", imp.trained().length);
        int shown = Math.min(WEIGHT_UNITS, imp.trained().length);
        root.put("units_shown", shown);
        ArrayNode initial = root.putArray("initial");
        ArrayNode trained = root.putArray("trained");
        for (int u = 0; u < shown; u++) {
            floats(initial.addArray(), imp.initial()[u]);
            floats(trained.addArray(), imp.trained()[u]);
        }
        return json.writeValueAsString(root) + "\n";
    }

    private static void floats(ArrayNode array, float[] values) {
        for (float v : values) {
            array.add(v);
        }
    }

    private static void putImportance(ObjectNode node, ImportanceResult imp) {
        ArrayNode units = node.putArray("units");
        for (ImportanceResult.Unit u : imp.units()) {
            ObjectNode unit = units.addObject();
            unit.put("unit", u.unit());
            unit.put("u", number(u(u.u())));
            unit.put("p_value", number(p(u.pValue())));
            unit.put("log10_p", number(Numbers.fixed(u.log10P(), 6)));
            unit.put("p_clamped", u.clamped());
            unit.put("top1_drop_pp", Numbers.jsonPp(u.top1Drop()));
        }
        node.put("clamped", imp.clamped());
        putCorrelation(node.putObject("pearson"), "r", imp.pearson());
        putCorrelation(node.putObject("spearman"), "rho", imp.spearman());
    }

    private static void putCorrelation(ObjectNode node, String name, Correlation c) {
        node.put(name, number(Numbers.fixed(c.coefficient(), 6)));
        node.put("p", number(p(c.pValue())));
    }

    private static void putRedundancy(ObjectNode node, RedundancyResult red) {
        ArrayNode pairs = node.putArray("pairs");
        for (RedundancyResult.Pair p : red.pairs()) {
            ObjectNode pair = pairs.addObject();
            pair.putArray("units").add(p.a()).add(p.b());
            pair.put("pair_drop_pp", Numbers.jsonPp(p.pairDrop()));
            pair.put("singles_sum_pp", Numbers.jsonPp(p.singlesSum()));
            pair.put("excess_pp", Numbers.jsonPp(p.excess()));
            pps(pair.putArray("per_class_pair_drop_pp"), p.perClassPairDrop());
            pps(pair.putArray("per_class_singles_sum_pp"), p.perClassSinglesSum());
            ArrayNode excess = pair.putArray("per_class_excess_pp");
            for (int c = 0; c < p.perClassPairDrop().length; c++) {
                excess.add(Numbers.jsonPp(p.perClassExcess(c)));
            }
            pair.put("lost_together", p.lostTogether().length);
            ArrayNode samples = pair.putArray("lost_together_samples");
            for (int s : p.lostTogether()) {
                samples.add(s);
            }
        }
    }

    /** The spread over networks of {@code pearson_r} or {@code spearman_rho}. */
    static Spread coefficients(List<StepResult> instances, String name) {
        return Spread.of(instances.stream().map(r -> (ImportanceResult) r.analysis())
                .mapToDouble(i -> (name.equals("pearson_r") ? i.pearson() : i.spearman()).coefficient()).toArray());
    }

    /** Per class, the spread over networks of the class's deviation over units. */
    static List<Spread> selectivity(List<StepResult> instances) {
        int classes = instances.stream().mapToInt(r -> ((SelectivityResult) r.analysis()).perClassStd().length)
                .max().orElse(0);
        List<Spread> out = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            int k = c;
            out.add(Spread.of(instances.stream()
                    .mapToDouble(r -> at(((SelectivityResult) r.analysis()).perClassStd(), k)).toArray()));
        }
        return out;
    }

    private static int classes(List<StepResult> instances) {
        int classes = 0;
        for (StepResult r : instances) {
            for (RedundancyResult.Pair p : ((RedundancyResult) r.analysis()).pairs()) {
                classes = Math.max(classes, p.perClassPairDrop().length);
            }
        }
        return classes;
    }

    private static void pps(ArrayNode array, double[] fractions) {
        for (double f : fractions) {
            array.add(Numbers.jsonPp(f));
        }
    }

    private static double at(double[] values, int c) {
        return c < values.length ? values[c] : Double.NaN;
    }

    /** A p-value with 7 significant digits; empty when undefined. */
    static String p(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.6e", p);
    }

    /** U, a multiple of 0.5. */
    private static String u(double u) {
        return Numbers.fixed(u, 1);
    }

    /** The JSON value of a printed number: the same digits, null when the field is empty. */
    private static Double number(String printed) {
        return printed.isEmpty() ? null : Double.valueOf(printed);
    }
}
