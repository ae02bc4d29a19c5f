package lesion.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text printed at the end of a run: one line per {@code evaluate}; for each {@code ablate},
 * its baseline, how many variants lowered, raised or kept top-1, then the five with the largest
 * top-1 drop and the three with the largest gain as aligned tables; for each analysis, a short section
 * ({@link AnalysisSummary}); for each embedding, one line. Deterministic (no times;
 * ties broken by units, then layer), numbers in {@link Locale#ROOT}.
 */
public final class SummaryTable {
    static final int DROPS = 5;
    static final int GAINS = 3;
    /** Past this many units a group prints as its first few and the count, so a table stays one screen wide. */
    static final int UNITS_SHOWN = 6;

    /** Largest drop first; among equal drops, units in lexicographic order, then lower layer. */
    static final Comparator<VariantRow> BY_DROP = Comparator.comparingDouble(VariantRow::top1Drop).reversed()
            .thenComparing(VariantRow::units, Arrays::compare).thenComparingInt(VariantRow::layer);
    /** Largest gain (most negative drop) first, the same tie-breaks. */
    static final Comparator<VariantRow> BY_GAIN = Comparator.comparingDouble(VariantRow::top1Drop)
            .thenComparing(VariantRow::units, Arrays::compare).thenComparingInt(VariantRow::layer);

    private SummaryTable() {
    }

    /** The summary of the results in the order given (steps in run order, instances within a step). */
    public static String render(List<StepResult> results) {
        Map<String, List<StepResult>> bySteps = new LinkedHashMap<>();
        for (StepResult r : results) {
            bySteps.computeIfAbsent(r.stepId(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder out = new StringBuilder();
        for (List<StepResult> step : bySteps.values()) {
            boolean several = step.size() > 1;
            if (step.get(0).isEmbedding()) {
                // one line, whatever the networks: they share the embedding
                Embedding e = step.get(0).embedding();
                out.append(step.get(0).stepId()).append(". ").append(withoutSemicolon(step.get(0).statement()))
                        .append(String.format(Locale.ROOT, ": %,d test images in 2-D (%s)\n", e.points(),
                                e.settings()));
                continue;
            }
            if (step.get(0).isAnalysis()) {
                StepResult first = step.get(0);
                AnalysisSummary.render(out, first.stepId() + ". " + withoutSemicolon(first.statement()), step);
                continue;
            }
            if (several) {
                renderInstances(out, step);
                continue;
            }
            for (StepResult r : step) {
                // the statement without its ';', so that "1. evaluate: top-1 …" reads as a sentence
                String statement = r.statement().endsWith(";")
                        ? r.statement().substring(0, r.statement().length() - 1) : r.statement();
                String head = r.stepId() + ". " + statement + (several ? "  [network " + r.instance() + "]" : "");
                if (r.isEvaluation()) {
                    out.append(head).append(": ").append(evaluation(r.baseline())).append('\n');
                } else if (r.keyword().equals("ablate")) {
                    renderAblate(out, head, r);
                } else if (r.isRecovery()) {
                    renderRecovery(out, head, r);
                } else {
                    out.append(head).append(": ").append(r.rows().size()).append(" rows\n");
                }
            }
        }
        return out.toString();
    }

    /** A recovery: per variant (and pass), top-1 and top-5 right after the ablation and after the last epoch. */
    private static void renderRecovery(StringBuilder out, String head, StepResult r) {
        out.append(head).append('\n');
        if (r.baseline() != null) {
            out.append("  trained network: ").append(evaluation(r.baseline())).append('\n');
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"layer", "pass", "units", "epochs", "top-1 ablated", "recovered", "top-5 ablated",
            "recovered", "alive"});
        CurveRow start = null;
        List<CurveRow> curve = r.curve();
        for (int i = 0; i < curve.size(); i++) {
            CurveRow c = curve.get(i);
            if (c.epoch() == 0) {
                start = c;
            }
            boolean lastOfVariant = i + 1 == curve.size() || curve.get(i + 1).epoch() == 0;
            if (lastOfVariant && start != null) {
                cells.add(new String[] {Integer.toString(c.layer()), c.pass() == 0 ? "" : Integer.toString(c.pass()),
                    units(c.units()), Integer.toString(c.epoch()), percent(start.top1()), percent(c.top1()),
                    percent(start.top5()), percent(c.top5()), percent(c.alive())});
            }
        }
        if (cells.size() > 1 + DROPS * 4) {
            out.append("  ").append(cells.size() - 1).append(" variants retrained; the first ").append(DROPS * 4)
                    .append(":\n");
            cells = cells.subList(0, 1 + DROPS * 4);
        }
        align(out, cells, 3);
    }

    /** A step run on several networks: its figures as mean ± 95% interval over the networks. */
    private static void renderInstances(StringBuilder out, List<StepResult> step) {
        StepResult first = step.get(0);
        String statement = first.statement().endsWith(";")
                ? first.statement().substring(0, first.statement().length() - 1) : first.statement();
        String head = first.stepId() + ". " + statement + "  [" + step.size() + " networks: mean ± 95% interval]";
        InstanceSummary.Stat[] baseline = InstanceSummary.evaluation(step.stream()
                .filter(r -> r.baseline() != null).toList());
        String accuracy = "top-1 " + stat(baseline[0], 100, "%") + ", top-5 " + stat(baseline[1], 100, "%");
        if (first.isEvaluation()) {
            out.append(head).append(": ").append(accuracy).append('\n');
            return;
        }
        out.append(head).append('\n').append("  baseline: ").append(accuracy).append('\n');
        if (first.isRecovery()) {
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"layer", "pass", "variant", "epoch", "top-1", "top-5", "alive"});
            for (InstanceSummary.CurvePoint c : InstanceSummary.curve(step)) {
                cells.add(new String[] {Integer.toString(c.layer()), c.pass() == 0 ? "" : Integer.toString(c.pass()),
                    c.selection(), Integer.toString(c.epoch()), stat(c.top1(), 100, "%"), stat(c.top5(), 100, "%"),
                    String.format(Locale.ROOT, "%.1f%%", c.alive().mean() * 100)});
            }
            if (cells.size() > 41) {
                out.append("  the first 40 points of ").append(cells.size() - 1).append(":\n");
                cells = cells.subList(0, 41);
            }
            align(out, cells, 3);
            return;
        }
        List<InstanceSummary> variants = InstanceSummary.of(step).stream()
                .sorted(Comparator.comparingDouble((InstanceSummary v) -> v.top1Drop().mean()).reversed())
                .limit(DROPS).toList();
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"layer", "variant", "top-1 drop pp", "top-5 drop pp"});
        for (InstanceSummary v : variants) {
            String what = v.selection().isEmpty() ? v.units() : v.selection()
                    + (Double.isNaN(v.percent()) ? "" : " of " + Numbers.percent(v.percent()) + "%");
            cells.add(new String[] {Integer.toString(v.layer()), what, stat(v.top1Drop(), 100, ""),
                stat(v.top5Drop(), 100, "")});
        }
        out.append("  largest mean drops:\n");
        align(out, cells, 2);
    }

    private static String stat(InstanceSummary.Stat s, double scale, String unit) {
        return String.format(Locale.ROOT, "%.2f%s", s.mean() * scale, unit)
                + (Double.isNaN(s.ci95()) ? "" : String.format(Locale.ROOT, " ± %.2f", s.ci95() * scale));
    }

    private static void renderAblate(StringBuilder out, String head, StepResult r) {
        out.append(head).append('\n');
        if (r.baseline() != null) {
            out.append("  baseline: ").append(evaluation(r.baseline())).append('\n');
        }
        List<VariantRow> rows = r.rows();
        long lowered = rows.stream().filter(v -> v.top1Drop() > 0).count();
        long raised = rows.stream().filter(v -> v.top1Drop() < 0).count();
        out.append(String.format(Locale.ROOT, "  %d variant%s: %d lowered top-1, %d raised it, %d left it unchanged\n",
                rows.size(), rows.size() == 1 ? "" : "s", lowered, raised, rows.size() - lowered - raised));
        boolean layers = rows.stream().mapToInt(VariantRow::layer).distinct().count() > 1;
        List<VariantRow> drops = rows.stream().filter(v -> v.top1Drop() > 0).sorted(BY_DROP).limit(DROPS).toList();
        List<VariantRow> gains = rows.stream().filter(v -> v.top1Drop() < 0).sorted(BY_GAIN).limit(GAINS).toList();
        if (!drops.isEmpty()) {
            out.append("  largest drops:\n");
            table(out, drops, layers);
        }
        if (!gains.isEmpty()) {
            out.append("  largest gains:\n");
            table(out, gains, layers);
        }
        List<LayerSummary> summaries = LayerSummary.of(rows);
        if (summaries.size() > 1) {
            out.append("  mean drop per layer and proportion (± sample std over its variants):\n");
            layerTable(out, summaries);
        }
    }

    private static void layerTable(StringBuilder out, List<LayerSummary> summaries) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"layer", "name", "%", "units", "variants", "top-1 drop pp", "top-5 drop pp",
            "silenced"});
        for (LayerSummary l : summaries) {
            cells.add(new String[] {Integer.toString(l.layer()), l.layerName(),
                Double.isNaN(l.percent()) ? "" : Numbers.percent(l.percent()), Integer.toString(l.units()),
                Integer.toString(l.variants()), meanStd(l.top1DropMean(), l.top1DropStd()),
                meanStd(l.top5DropMean(), l.top5DropStd()),
                l.silenced() < 0 ? "" : l.silenced() + "/" + l.variants()});
        }
        align(out, cells, 2);
    }

    private static String meanStd(double mean, double std) {
        return String.format(Locale.ROOT, "%+.2f", mean * 100)
                + (Double.isNaN(std) ? "" : String.format(Locale.ROOT, " ± %.2f", std * 100));
    }

    private static String evaluation(EvaluationRow e) {
        return String.format(Locale.ROOT, "top-1 %s, top-5 %s (%d of %d right)", percent(e.top1()), percent(e.top5()),
                e.right(), e.samples());
    }

    private static void table(StringBuilder out, List<VariantRow> rows, boolean layers) {
        List<String[]> cells = new ArrayList<>();
        cells.add(layers ? new String[] {"layer", "units", "top-1", "drop pp", "top-5", "newly wrong", "newly right"}
                : new String[] {"units", "top-1", "drop pp", "top-5", "newly wrong", "newly right"});
        for (VariantRow v : rows) {
            String[] line = {units(v.units()), percent(v.top1()), String.format(Locale.ROOT, "%+.2f",
                    v.top1Drop() * 100), percent(v.top5()), Integer.toString(v.newlyWrong()),
                Integer.toString(v.newlyRight())};
            if (layers) {
                String[] withLayer = new String[line.length + 1];
                withLayer[0] = Integer.toString(v.layer());
                System.arraycopy(line, 0, withLayer, 1, line.length);
                line = withLayer;
            }
            cells.add(line);
        }
        align(out, cells, layers ? 2 : 1);
    }

    private static String withoutSemicolon(String statement) {
        return statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
    }

    /** Prints rows of cells in aligned columns: the first {@code textColumns} left-aligned, the rest right-aligned. */
    static void align(StringBuilder out, List<String[]> cells, int textColumns) {
        int columns = cells.get(0).length;
        int[] width = new int[columns];
        for (String[] line : cells) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], line[c].length());
            }
        }
        // units (and layer) read left to right; the figures right-aligned, so their digits line up
        for (String[] line : cells) {
            StringBuilder text = new StringBuilder("    ");
            for (int c = 0; c < columns; c++) {
                String pad = " ".repeat(width[c] - line[c].length());
                text.append(c == 0 ? "" : "  ").append(c < textColumns ? line[c] + pad : pad + line[c]);
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
    }

    static String units(int[] units) {
        StringBuilder out = new StringBuilder();
        int shown = units.length > UNITS_SHOWN ? UNITS_SHOWN - 1 : units.length;
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : "+").append(units[i]);
        }
        if (shown < units.length) {
            out.append("+... (").append(units.length).append(" units)");
        }
        return out.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }
}
