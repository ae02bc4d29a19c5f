package lesion.plan;

import java.util.Locale;

/** Number formatting for plans and reports: locale-independent, thousands grouped. */
public final class Format {
    private Format() {
    }

    public static String count(long n) {
        return n < 0 ? "unknown until read" : String.format(Locale.ROOT, "%,d", n);
    }

    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    /** {@code 1 variant}, {@code 1,900 variants}. */
    public static String variants(long n) {
        return count(n) + (n == 1 ? " variant" : " variants");
    }

    public static String percent(double p) {
        return number(p) + "%";
    }
}
