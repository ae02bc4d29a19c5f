package lesion.bench;

import java.util.Locale;

/** How the benchmark writes its numbers: times in ms, ratios with one decimal, FLOPs in GFLOP, rates in GFLOP/s. */
final class Figures {

    private Figures() {
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** {@code a / b} with one decimal, as "12.3x". */
    static String ratio(double a, double b) {
        return b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1fx", a / b);
    }

    static String gflop(double flops) {
        return String.format(Locale.ROOT, "%.3f GFLOP", flops / 1e9);
    }

    /** {@code flops} done in {@code ms}, as GFLOP/s and as a percentage of the matmul rate. */
    static String rate(double flops, double ms, double matmulGflops) {
        if (ms <= 0) {
            return "n/a";
        }
        double gflops = flops / (ms / 1e3) / 1e9;
        return String.format(Locale.ROOT, "%.2f GFLOP/s = %.2f%% of the matmul rate", gflops,
                100 * gflops / matmulGflops);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
