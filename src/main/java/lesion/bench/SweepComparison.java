package lesion.bench;

import java.util.List;
import lesion.results.Scores;

/**
 * The figures of a sweep workload: Lesion's time against the naive loop's, the least FLOPs the sweep needs
 * ({@code minFlops}: the layers after the ablated one, summed over variants and images) and the naive loop's
 * ({@code naiveFlops}: the whole network per variant), both as fractions of the matmul rate, and whether the two
 * agree variant by variant.
 */
record SweepComparison(double sweepMs, String sweepHow, double naiveMs, String naiveHow, double minFlops,
        double naiveFlops, List<Scores> sweep, List<Scores> naive) {

    /** Adds the comparison's lines to {@code report}, relating rates to {@code matmulGflops}. */
    void addTo(Report report, double matmulGflops) {
        report.add("Lesion sweep (" + sweepHow + ")", Figures.ms(sweepMs))
                .add("naive DL4J loop (" + naiveHow + ")", Figures.ms(naiveMs))
                .add("ratio naive / Lesion", Figures.ratio(naiveMs, sweepMs))
                .add("min FLOPs of the sweep", Figures.gflop(minFlops) + " (layers after the ablated one)")
                .add("Lesion's rate", Figures.rate(minFlops, sweepMs, matmulGflops))
                .add("FLOPs of the naive loop", Figures.gflop(naiveFlops) + " (the whole network per variant)")
                .add("naive loop's rate", Figures.rate(naiveFlops, naiveMs, matmulGflops))
                .add("agree", Agreement.of(sweep, naive).text());
    }
}
