package lesion.results;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import lesion.analysis.Correlation;
import lesion.analysis.ImportanceResult;
import lesion.analysis.RedundancyResult;
import lesion.analysis.SelectivityResult;
import lesion.analysis.Spread;

/**
 * The printed summary of an analysis step (part of {@link SummaryTable}): importance's correlations (over several
 * networks, their spread), redundancy's count of pairs above and below the sum of their single drops with the
 * largest excesses either way, and selectivity's deviation per class (over several networks, its mean).
 */
final class AnalysisSummary {
    static final int PAIRS_SHOWN = 3;

    private AnalysisSummary() {
    }

    /** The section of one analysis step, {@code step} its results on every network. */
    static void render(StringBuilder out, String head, List<StepResult> step) {
        StepResult first = step.get(0);
        out.append(head).append(step.size() > 1 ? "  [" + step.size() + " networks]" : "").append('\n');
        if (first.analysis() instanceof ImportanceResult imp) {
            importance(out, imp, step);
        } else if (first.analysis() instanceof RedundancyResult) {
            for (StepResult r : step) {
                redundancy(out, (RedundancyResult) r.analysis(), step.size() > 1 ? "network " + r.instance() : "");
            }
        } else {
            selectivity(out, (SelectivityResult) first.analysis(), step);
        }
    }

    private static void importance(StringBuilder out, ImportanceResult first, List<StepResult> step) {
        out.append(String.format(Locale.ROOT, "  layer %d (%s), %d units: log10 p of the Mann-Whitney U test of "
                + "initial vs trained weights, against the top-1 drop\n", first.layer(), first.layerName(),
                first.units().size()));
        int clamped = step.stream().mapToInt(r -> ((ImportanceResult) r.analysis()).clamped()).sum();
        if (step.size() == 1) {
            out.append("    Pearson r ").append(correlation(first.pearson())).append(", Spearman rho ")
                    .append(correlation(first.spearman())).append('\n');
            ImportanceResult.Unit most = first.units().stream().min(Comparator
                    .comparingDouble(ImportanceResult.Unit::log10P)).orElseThrow();
            ImportanceResult.Unit least = first.units().stream().max(Comparator
                    .comparingDouble(ImportanceResult.Unit::log10P)).orElseThrow();
            out.append(String.format(Locale.ROOT, "    weights changed most: unit %d (p = %s, drop %+.2f pp); least:"
                    + " unit %d (p = %s, drop %+.2f pp)\n", most.unit(), shortP(most.pValue()),
                    most.top1Drop() * 100, least.unit(), shortP(least.pValue()), least.top1Drop() * 100));
        } else {
            for (String name : List.of("pearson_r", "spearman_rho")) {
                Spread s = AnalysisWriter.coefficients(step, name);
                out.append(String.format(Locale.ROOT, "    %-12s  %s over %d networks\n", name.equals("pearson_r")
                        ? "Pearson r" : "Spearman rho", spread(s, 1, 3), s.networks()));
            }
        }
        if (clamped > 0) {
            out.append("    ").append(clamped).append(" p-value").append(clamped == 1 ? "" : "s")
                    .append(" underflowed to 0 and were clamped to 4.9e-324 (see p_clamped)\n");
        }
    }

    private static void redundancy(StringBuilder out, RedundancyResult red, String network) {
        List<RedundancyResult.Pair> pairs = red.pairs();
        long more = pairs.stream().filter(p -> p.excess() > 0).count();
        long less = pairs.stream().filter(p -> p.excess() < 0).count();
        long together = pairs.stream().filter(p -> p.lostTogether().length > 0).count();
        out.append(String.format(Locale.ROOT, "  %slayer %d (%s), %d pairs: %d cost more than their two units alone,"
                + " %d less, %d the same; %d lose test images only together\n", network.isEmpty() ? ""
                : network + ": ", red.layer(), red.layerName(), pairs.size(), more, less, pairs.size() - more - less,
                together));
        Comparator<RedundancyResult.Pair> byExcess = Comparator.comparingDouble(RedundancyResult.Pair::excess);
        List<RedundancyResult.Pair> top = pairs.stream().filter(p -> p.excess() > 0).sorted(byExcess.reversed())
                .limit(PAIRS_SHOWN).toList();
        List<RedundancyResult.Pair> bottom = pairs.stream().filter(p -> p.excess() < 0).sorted(byExcess)
                .limit(PAIRS_SHOWN).toList();
        if (top.isEmpty() && bottom.isEmpty()) {
            return;
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"units", "pair drop pp", "singles sum pp", "excess pp", "lost together"});
        for (RedundancyResult.Pair p : top) {
            cells.add(pairCells(p));
        }
        for (RedundancyResult.Pair p : bottom) {
            cells.add(pairCells(p));
        }
        out.append("    the largest excesses (pair drop minus the sum of single drops), either way:\n");
        SummaryTable.align(out, cells, 1);
    }

    private static String[] pairCells(RedundancyResult.Pair p) {
        return new String[] {p.a() + "+" + p.b(), pp(p.pairDrop()), pp(p.singlesSum()), pp(p.excess()),
            Integer.toString(p.lostTogether().length)};
    }

    private static void selectivity(StringBuilder out, SelectivityResult first, List<StepResult> step) {
        out.append(String.format(Locale.ROOT, "  layer %d (%s), %d units: per class, the standard deviation over "
                + "units of the class's top-1 drop%s, in pp\n", first.layer(), first.layerName(), first.units(),
                step.size() > 1 ? " (mean ± std over networks)" : ""));
        List<Spread> spreads = AnalysisWriter.selectivity(step);
        String[] classes = new String[spreads.size() + 1];
        String[] values = new String[spreads.size() + 1];
        classes[0] = "class";
        values[0] = "std";
        for (int c = 0; c < spreads.size(); c++) {
            classes[c + 1] = Integer.toString(c);
            Spread s = spreads.get(c);
            values[c + 1] = Double.isNaN(s.mean()) ? "-" : String.format(Locale.ROOT, "%.2f", s.mean() * 100)
                    + (step.size() > 1 && !Double.isNaN(s.std()) ? String.format(Locale.ROOT, " ± %.2f",
                            s.std() * 100) : "");
        }
        SummaryTable.align(out, List.of(classes, values), 1);
    }

    private static String correlation(Correlation c) {
        return Double.isNaN(c.coefficient()) ? "undefined (fewer than 3 units, or a constant variable)"
                : String.format(Locale.ROOT, "%+.4f (p = %s)", c.coefficient(), shortP(c.pValue()));
    }

    private static String spread(Spread s, double scale, int decimals) {
        if (s.networks() == 0) {
            return "undefined";
        }
        String f = "%+." + decimals + "f";
        return String.format(Locale.ROOT, f, s.mean() * scale)
                + (Double.isNaN(s.std()) ? "" : String.format(Locale.ROOT, " ± %." + decimals + "f", s.std() * scale))
                + String.format(Locale.ROOT, " (" + f + " to " + f + ")", s.min() * scale, s.max() * scale);
    }

    private static String shortP(double p) {
        return p >= 1e-3 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.2e", p);
    }

    private static String pp(double fraction) {
        return String.format(Locale.ROOT, "%+.2f", fraction * 100);
    }
}
