package lesion.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pearson and Spearman with their t-test p-values against the textbook formulas on five points. */
class CorrelationTest {
    private static final double[] X = {1, 2, 3, 4, 5};
    // ranks 2, 1, 4, 3, 5: Spearman's rho is 1 - 6 * 4 / (5 * 24) = 0.8, Pearson's r something else
    private static final double[] Y = {2, 1, 40, 3, 50};

    /** Two-sided p of r with n = 5 points: Student's t with 3 degrees of freedom, whose CDF has a closed form. */
    private static double pWith3Df(double r) {
        double t = Math.abs(r) * Math.sqrt(3 / (1 - r * r));
        double cdf = 0.5 + (t / (Math.sqrt(3) * (1 + t * t / 3)) + Math.atan(t / Math.sqrt(3))) / Math.PI;
        return 2 * (1 - cdf);
    }

    @Test
    void pearsonIsTheCovarianceOverTheDeviationsWithItsTTest() {
        double mx = 3;
        double my = (2 + 1 + 40 + 3 + 50) / 5.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 5; i++) {
            sxy += (X[i] - mx) * (Y[i] - my);
            sxx += (X[i] - mx) * (X[i] - mx);
            syy += (Y[i] - my) * (Y[i] - my);
        }
        double r = sxy / Math.sqrt(sxx * syy);
        Correlation c = Correlation.pearson(X, Y);
        assertEquals(r, c.coefficient(), 1e-12);
        assertEquals(pWith3Df(r), c.pValue(), 1e-9);
    }

    @Test
    void spearmanIsPearsonOfTheRanksWithTheSameTTest() {
        Correlation c = Correlation.spearman(X, Y);
        assertEquals(0.8, c.coefficient(), 1e-12);
        assertEquals(pWith3Df(0.8), c.pValue(), 1e-9);
        // t = 0.8 * sqrt(3 / 0.36) = 2.3094, p about 0.104
        assertEquals(0.104, c.pValue(), 1e-3);
    }

    @Test
    void tiesGetTheirAverageRank() {
        // ranks of {1, 1, 2, 3}: 1.5, 1.5, 3, 4 against 1, 2, 3, 4
        double[] x = {1, 2, 3, 4};
        double[] y = {5, 5, 6, 7};
        double[] ry = {1.5, 1.5, 3, 4};
        double dot = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < 4; i++) {
            dot += (x[i] - 2.5) * (ry[i] - 2.5);
            sxx += (x[i] - 2.5) * (x[i] - 2.5);
            syy += (ry[i] - 2.5) * (ry[i] - 2.5);
        }
        assertEquals(dot / Math.sqrt(sxx * syy), Correlation.spearman(x, y).coefficient(), 1e-12);
    }

    @Test
    void undefinedForFewerThanThreePointsOrAConstantVariable() {
        assertEquals(Correlation.NONE, Correlation.pearson(new double[] {1, 2}, new double[] {3, 4}));
        Correlation constant = Correlation.spearman(X, new double[] {7, 7, 7, 7, 7});
        assertTrue(Double.isNaN(constant.coefficient()) && Double.isNaN(constant.pValue()));
        assertTrue(Double.isNaN(Correlation.pearson(X, new double[] {0, 0, 0, 0, 0}).pValue()));
    }
}
