package lesion.analysis;

import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * A correlation coefficient and its two-sided p-value, both NaN when it is undefined (fewer than 3 points, or
 * one variable constant).
 *
 * <p>The p-value is commons-math3's {@link PearsonsCorrelation#getCorrelationPValues()}: with n points,
 * t = |r| · √((n − 2) / (1 − r²)) and p = 2 · P(T &gt; t) for T of Student's t distribution with n − 2 degrees of
 * freedom (|r| = 1 gives p = 0). Spearman's ρ is Pearson's r of the ranks (ties get their average rank), and its
 * p-value is the same t-test on the ranks ({@link SpearmansCorrelation#getRankCorrelation()}), an approximation
 * that is usual for ρ and good from about 10 points on.
 */
public record Correlation(double coefficient, double pValue) {
    /** The undefined correlation. */
    public static final Correlation NONE = new Correlation(Double.NaN, Double.NaN);

    /** Pearson's r of {@code x} and {@code y} (same length). */
    public static Correlation pearson(double[] x, double[] y) {
        if (!defined(x, y)) {
            return NONE;
        }
        return of(new PearsonsCorrelation(columns(x, y)));
    }

    /** Spearman's ρ of {@code x} and {@code y} (same length). */
    public static Correlation spearman(double[] x, double[] y) {
        if (!defined(x, y)) {
            return NONE;
        }
        return of(new SpearmansCorrelation(new BlockRealMatrix(columns(x, y))).getRankCorrelation());
    }

    private static boolean defined(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " and " + y.length + " values cannot be paired");
        }
        return x.length >= 3;
    }

    private static Correlation of(PearsonsCorrelation c) {
        double r = c.getCorrelationMatrix().getEntry(0, 1);
        // a constant variable has no correlation (0 / 0), and its t-test none either
        return Double.isNaN(r) ? NONE : new Correlation(r, c.getCorrelationPValues().getEntry(0, 1));
    }

    /** One row per point, the two variables as columns: the layout commons-math3 expects. */
    private static double[][] columns(double[] x, double[] y) {
        double[][] rows = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            rows[i] = new double[] {x[i], y[i]};
        }
        return rows;
    }
}
