package lesion.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one step's results into a run directory as {@code step-<id>-<keyword>.csv} and
 * {@code .json}, each atomically, holding every instance (network) the step ran on so far.
 *
 * <p>CSV (RFC 4180: commas, fields quoted only when needed, CRLF line ends, one header line).
 * Variant steps ({@code ablate}, …): one row per variant with columns {@code step, instance,
 * layer, layer_name, units, top1, top5, top1_drop_pp, top5_drop_pp, newly_wrong, newly_right,
 * class_<c>_acc…, class_<c>_drop_pp…}. {@code evaluate}: one row per instance with {@code step,
 * instance, samples, right, top1, top5, class_<c>_acc…}. Accuracies ({@code top1}, {@code top5},
 * {@code _acc}) are fractions in [0, 1] with 6 decimals; {@code _pp} columns are drops
 * (baseline − variant) in percentage points with 4 decimals; units are joined by {@code +}; a
 * class with no test images leaves its fields empty.
 *
 * <p>JSON: {@code step, keyword, statement, scale} (a sentence stating the above) and
 * {@code instances}, each with {@code instance, seconds, baseline} ({@code top1, top5, samples,
 * right, per_class_acc, per_class_samples, per_class_right, wrong_samples}) and {@code variants} (the CSV's
 * fields, per-class figures as the arrays {@code per_class_acc} and {@code per_class_drop_pp}, units as an array,
 * the per-class counts {@code per_class_newly_wrong} and {@code per_class_newly_right} (by true label), plus
 * {@code newly_wrong_samples} and {@code newly_right_samples}: indices into the test set).
 * Numbers carry the CSV's rounding; a missing value is null.
 */
public final class ResultWriter {
    static final String SCALE = "top1, top5 and *_acc are fractions in [0, 1]; *_drop_pp are baseline minus variant "
            + "in percentage points (positive: the variant is worse); *_samples are 0-based test image indices";

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final AnalysisWriter analyses = new AnalysisWriter();

    /** File name without extension: {@code step-3.1-ablate}; characters unsafe in a file name become {@code -}. */
    public static String baseName(String stepId, String keyword) {
        return "step-" + safe(stepId) + "-" + safe(keyword);
    }

    /** Writes one instance's result; see {@link #write(Path, List)}. */
    public List<Path> write(Path runDir, StepResult result) throws IOException {
        return write(runDir, List.of(result));
    }

    /**
     * Writes (or replaces, as instances accumulate) the step's CSV and JSON file and returns
     * their paths, CSV first. All results must belong to the same step. An analysis step's files are
     * {@link AnalysisWriter}'s, an embed step's {@link EmbeddingWriter}'s.
     */
    public List<Path> write(Path runDir, List<StepResult> instances) throws IOException {
        StepResult first = sameStep(instances);
        if (first.isAnalysis()) {
            return analyses.write(runDir, instances);
        }
        if (first.isEmbedding()) {
            return List.of(EmbeddingWriter.write(runDir, first));
        }
        String base = baseName(first.stepId(), first.keyword());
        Path csvFile = runDir.resolve(base + ".csv");
        Path jsonFile = runDir.resolve(base + ".json");
        AtomicFiles.write(csvFile, csv(instances));
        AtomicFiles.write(jsonFile, json(instances));
        List<Path> files = new ArrayList<>(List.of(csvFile, jsonFile));
        if (first.isRecovery()) {
            if (instances.size() > 1) {
                Path summary = runDir.resolve(base + "-instances.csv");
                AtomicFiles.write(summary, instancesCsv(instances));
                files.add(summary);
            }
            return files;
        }
        if (!first.isEvaluation()) {
            Path layersFile = runDir.resolve(base + "-layers.csv");
            AtomicFiles.write(layersFile, layersCsv(instances));
            files.add(layersFile);
        }
        if (instances.size() > 1) {
            Path summary = runDir.resolve(base + "-instances.csv");
            AtomicFiles.write(summary, instancesCsv(instances));
            files.add(summary);
        }
        return files;
    }

    /** The CSV text for a step's results. */
    public String csv(List<StepResult> instances) {
        StepResult first = sameStep(instances);
        int classes = classes(instances);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        if (first.isEvaluation()) {
            header.addAll(List.of("step", "instance", "samples", "right", "top1", "top5"));
            addClassColumns(header, classes, "_acc");
            Csv.appendRow(out, header);
            for (StepResult r : instances) {
                EvaluationRow e = r.baseline();
                List<String> row = new ArrayList<>(List.of(r.stepId(), Integer.toString(r.instance()),
                        Integer.toString(e.samples()), Integer.toString(e.right()), Numbers.fraction(e.top1()),
                        Numbers.fraction(e.top5())));
                addValues(row, e.perClassTop1(), classes, false);
                Csv.appendRow(out, row);
            }
            return out.toString();
        }
        if (first.isRecovery()) {
            Csv.appendRow(out, List.of("step", "instance", "pass", "layer", "layer_name", "units", "selection",
                    "percent", "method", "epoch", "top1", "top5", "top1_drop_pp", "top5_drop_pp", "alive"));
            for (StepResult r : instances) {
                for (CurveRow c : r.curve()) {
                    Csv.appendRow(out, List.of(r.stepId(), Integer.toString(r.instance()), Integer.toString(c.pass()),
                            Integer.toString(c.layer()), c.layerName(), c.unitsText(), c.selection(),
                            Double.isNaN(c.percent()) ? "" : Numbers.percent(c.percent()), c.method(),
                            Integer.toString(c.epoch()), Numbers.fraction(c.top1()), Numbers.fraction(c.top5()),
                            Numbers.pp(c.top1Drop()), Numbers.pp(c.top5Drop()), Numbers.fraction(c.alive())));
                }
            }
            return out.toString();
        }
        header.addAll(List.of("step", "instance", "layer", "layer_name", "units", "selection", "percent", "method",
                "silenced", "top1",
                "top5", "top1_drop_pp", "top5_drop_pp", "newly_wrong", "newly_right"));
        addClassColumns(header, classes, "_acc");
        addClassColumns(header, classes, "_drop_pp");
        Csv.appendRow(out, header);
        for (StepResult r : instances) {
            String instance = Integer.toString(r.instance());
            for (VariantRow v : r.rows()) {
                List<String> row = new ArrayList<>(15 + 2 * classes);
                row.addAll(List.of(r.stepId(), instance, Integer.toString(v.layer()),
                        v.layerName() == null ? "" : v.layerName(), v.unitsText(), v.selection(),
                        Double.isNaN(v.percent()) ? "" : Numbers.percent(v.percent()), v.method(),
                        v.silenced() == null ? "" : v.silenced() ? "yes" : "no", Numbers.fraction(v.top1()),
                        Numbers.fraction(v.top5()), Numbers.pp(v.top1Drop()), Numbers.pp(v.top5Drop()),
                        Integer.toString(v.newlyWrong()), Integer.toString(v.newlyRight())));
                addValues(row, v.perClassTop1(), classes, false);
                addValues(row, v.perClassTop1Drop(), classes, true);
                Csv.appendRow(out, row);
            }
        }
        return out.toString();
    }

    /**
     * The per-layer and proportion summary of an ablate step's variants ({@link LayerSummary}), one row per
     * instance, layer and percentage: {@code step-3-ablate-layers.csv}.
     */
    public String layersCsv(List<StepResult> instances) {
        int classes = classes(instances);
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("step", "instance", "layer", "layer_name", "percent", "units",
                "variants", "top1_drop_mean_pp", "top1_drop_std_pp", "top5_drop_mean_pp", "top5_drop_std_pp",
                "silenced"));
        addClassColumns(header, classes, "_drop_mean_pp");
        Csv.appendRow(out, header);
        for (StepResult r : instances) {
            for (LayerSummary l : LayerSummary.of(r.rows())) {
                List<String> row = new ArrayList<>(List.of(r.stepId(), Integer.toString(r.instance()),
                        Integer.toString(l.layer()), l.layerName(),
                        Double.isNaN(l.percent()) ? "" : Numbers.percent(l.percent()), Integer.toString(l.units()),
                        Integer.toString(l.variants()), Numbers.pp(l.top1DropMean()), Numbers.pp(l.top1DropStd()),
                        Numbers.pp(l.top5DropMean()), Numbers.pp(l.top5DropStd()),
                        l.silenced() < 0 ? "" : Integer.toString(l.silenced())));
                addValues(row, l.perClassDropMean(), classes, true);
                Csv.appendRow(out, row);
            }
        }
        return out.toString();
    }

    /**
     * A step's results aggregated over its networks ({@link InstanceSummary}): per variant (or, for an evaluation,
     * once) the number of networks and the mean, sample standard deviation and 95% interval half-width of the top-1
     * and top-5 drops (accuracies for an evaluation): {@code step-3-ablate-instances.csv}.
     */
    public String instancesCsv(List<StepResult> instances) {
        StepResult first = sameStep(instances);
        StringBuilder out = new StringBuilder();
        if (first.isRecovery()) {
            Csv.appendRow(out, List.of("step", "pass", "layer", "layer_name", "selection", "percent", "epoch",
                    "networks", "top1_mean", "top1_std", "top1_ci95", "top5_mean", "top5_std", "top5_ci95",
                    "alive_mean"));
            for (InstanceSummary.CurvePoint c : InstanceSummary.curve(instances)) {
                Csv.appendRow(out, List.of(first.stepId(), Integer.toString(c.pass()), Integer.toString(c.layer()),
                        c.layerName(), c.selection(), Double.isNaN(c.percent()) ? "" : Numbers.percent(c.percent()),
                        Integer.toString(c.epoch()), Integer.toString(c.networks()), Numbers.fraction(c.top1().mean()),
                        Numbers.fraction(c.top1().std()), Numbers.fraction(c.top1().ci95()),
                        Numbers.fraction(c.top5().mean()), Numbers.fraction(c.top5().std()),
                        Numbers.fraction(c.top5().ci95()), Numbers.fraction(c.alive().mean())));
            }
            return out.toString();
        }
        if (first.isEvaluation()) {
            Csv.appendRow(out, List.of("step", "networks", "top1_mean", "top1_std", "top1_ci95", "top5_mean",
                    "top5_std", "top5_ci95"));
            InstanceSummary.Stat[] s = InstanceSummary.evaluation(instances);
            Csv.appendRow(out, List.of(first.stepId(), Integer.toString(instances.size()),
                    Numbers.fraction(s[0].mean()), Numbers.fraction(s[0].std()), Numbers.fraction(s[0].ci95()),
                    Numbers.fraction(s[1].mean()), Numbers.fraction(s[1].std()), Numbers.fraction(s[1].ci95())));
            return out.toString();
        }
        Csv.appendRow(out, List.of("step", "layer", "layer_name", "selection", "percent", "units", "networks",
                "top1_drop_mean_pp", "top1_drop_std_pp", "top1_drop_ci95_pp", "top5_drop_mean_pp", "top5_drop_std_pp",
                "top5_drop_ci95_pp"));
        for (InstanceSummary v : InstanceSummary.of(instances)) {
            Csv.appendRow(out, List.of(first.stepId(), Integer.toString(v.layer()), v.layerName(), v.selection(),
                    Double.isNaN(v.percent()) ? "" : Numbers.percent(v.percent()), v.units(),
                    Integer.toString(v.networks()), Numbers.pp(v.top1Drop().mean()), Numbers.pp(v.top1Drop().std()),
                    Numbers.pp(v.top1Drop().ci95()), Numbers.pp(v.top5Drop().mean()), Numbers.pp(v.top5Drop().std()),
                    Numbers.pp(v.top5Drop().ci95())));
        }
        return out.toString();
    }

    /** The JSON text for a step's results. */
    public String json(List<StepResult> instances) throws IOException {
        ObjectNode root = header(json, sameStep(instances), SCALE);
        ArrayNode all = root.putArray("instances");
        for (StepResult r : instances) {
            ObjectNode instance = instance(all, r);
            if (r.baseline() != null) {
                putEvaluation(instance.putObject("baseline"), r.baseline());
            } else {
                instance.putNull("baseline");
            }
            ArrayNode variants = instance.putArray("variants");
            for (VariantRow v : r.rows()) {
                putVariant(variants.addObject(), v);
            }
            if (r.isRecovery()) {
                ArrayNode curve = instance.putArray("curve");
                for (CurveRow c : r.curve()) {
                    ObjectNode point = curve.addObject();
                    point.put("pass", c.pass());
                    point.put("layer", c.layer());
                    point.put("layer_name", c.layerName());
                    ints(point.putArray("units"), c.units());
                    point.put("selection", c.selection());
                    if (Double.isNaN(c.percent())) {
                        point.putNull("percent");
                    } else {
                        point.put("percent", c.percent());
                    }
                    point.put("method", c.method());
                    point.put("epoch", c.epoch());
                    point.put("top1", Numbers.jsonFraction(c.top1()));
                    point.put("top5", Numbers.jsonFraction(c.top5()));
                    point.put("top1_drop_pp", Numbers.jsonPp(c.top1Drop()));
                    point.put("top5_drop_pp", Numbers.jsonPp(c.top5Drop()));
                    point.put("alive", Numbers.jsonFraction(c.alive()));
                }
            }
        }
        return json.writeValueAsString(root) + "\n";
    }

    static void putEvaluation(ObjectNode node, EvaluationRow e) {
        node.put("top1", Numbers.jsonFraction(e.top1()));
        node.put("top5", Numbers.jsonFraction(e.top5()));
        node.put("samples", e.samples());
        node.put("right", e.right());
        ArrayNode perClass = node.putArray("per_class_acc");
        for (double a : e.perClassTop1()) {
            perClass.add(Numbers.jsonFraction(a));
        }
        ints(node.putArray("per_class_samples"), e.perClassSamples());
        ints(node.putArray("per_class_right"), e.perClassRight());
        ints(node.putArray("wrong_samples"), e.wrongSamples());
    }

    private static void putVariant(ObjectNode node, VariantRow v) {
        node.put("layer", v.layer());
        node.put("layer_name", v.layerName());
        ints(node.putArray("units"), v.units());
        node.put("selection", v.selection());
        if (Double.isNaN(v.percent())) {
            node.putNull("percent");
        } else {
            node.put("percent", v.percent());
        }
        node.put("method", v.method());
        if (v.silenced() == null) {
            node.putNull("silenced");
        } else {
            node.put("silenced", v.silenced());
        }
        node.put("top1", Numbers.jsonFraction(v.top1()));
        node.put("top5", Numbers.jsonFraction(v.top5()));
        node.put("top1_drop_pp", Numbers.jsonPp(v.top1Drop()));
        node.put("top5_drop_pp", Numbers.jsonPp(v.top5Drop()));
        node.put("newly_wrong", v.newlyWrong());
        node.put("newly_right", v.newlyRight());
        ArrayNode acc = node.putArray("per_class_acc");
        for (double a : v.perClassTop1()) {
            acc.add(Numbers.jsonFraction(a));
        }
        ArrayNode drop = node.putArray("per_class_drop_pp");
        for (double d : v.perClassTop1Drop()) {
            drop.add(Numbers.jsonPp(d));
        }
        ints(node.putArray("per_class_newly_wrong"), v.perClassNewlyWrong());
        ints(node.putArray("per_class_newly_right"), v.perClassNewlyRight());
        ints(node.putArray("newly_wrong_samples"), v.newlyWrongSamples());
        ints(node.putArray("newly_right_samples"), v.newlyRightSamples());
    }

    private static void ints(ArrayNode array, int[] values) {
        for (int v : values) {
            array.add(v);
        }
    }

    /** A step's JSON object with what every step file starts with: step, keyword, statement, scale. */
    static ObjectNode header(ObjectMapper json, StepResult first, String scale) {
        ObjectNode root = json.createObjectNode();
        root.put("step", first.stepId());
        root.put("keyword", first.keyword());
        root.put("statement", first.statement());
        root.put("scale", scale);
        return root;
    }

    /** One network's entry of a step's "instances" array: its number and seconds (to the millisecond). */
    static ObjectNode instance(ArrayNode instances, StepResult r) {
        ObjectNode node = instances.addObject();
        node.put("instance", r.instance());
        node.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        return node;
    }

    private static StepResult sameStep(List<StepResult> instances) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no results to write");
        }
        StepResult first = instances.get(0);
        for (StepResult r : instances) {
            if (!r.stepId().equals(first.stepId()) || !r.keyword().equals(first.keyword())) {
                throw new IllegalArgumentException("results of steps " + first.stepId() + " and " + r.stepId()
                        + " cannot share a file");
            }
        }
        return first;
    }

    private static int classes(List<StepResult> instances) {
        int classes = 0;
        for (StepResult r : instances) {
            if (r.baseline() != null) {
                classes = Math.max(classes, r.baseline().numClasses());
            }
            for (VariantRow v : r.rows()) {
                classes = Math.max(classes, v.perClassTop1().length);
            }
        }
        return classes;
    }

    private static void addClassColumns(List<String> header, int classes, String suffix) {
        for (int c = 0; c < classes; c++) {
            header.add("class_" + c + suffix);
        }
    }

    private static void addValues(List<String> row, double[] values, int classes, boolean drop) {
        for (int c = 0; c < classes; c++) {
            double v = c < values.length ? values[c] : Double.NaN;
            row.add(drop ? Numbers.pp(v) : Numbers.fraction(v));
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
