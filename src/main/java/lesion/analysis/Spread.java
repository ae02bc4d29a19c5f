package lesion.analysis;

/**
 * How one figure (a correlation coefficient, a class's selectivity) varies over networks: how many networks gave a
 * value (NaN values, as from an undefined correlation, are left out), and their mean, sample standard deviation
 * (n − 1 in the denominator; NaN for fewer than two), minimum and maximum (NaN when no network gave a value).
 */
public record Spread(int networks, double mean, double std, double min, double max) {

    public static Spread of(double[] values) {
        int n = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (n == 0) {
            return new Spread(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(n, mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)), min, max);
    }
}
