package lesion.results;

import java.util.Locale;

/**
 * How result files print numbers: accuracies as fractions with 6 decimals and drops as
 * percentage points with 4 decimals, so both resolve a millionth of the test set (one image in
 * a million); always {@link Locale#ROOT}; a missing value (a class without test images) is an
 * empty CSV field and a JSON null.
 */
final class Numbers {
    static final int FRACTION_DECIMALS = 6;
    static final int PP_DECIMALS = 4;

    private Numbers() {
    }

    /** A percentage as written in studies, without the sign: {@code 25}, {@code 0.5}. */
    static String percent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** An accuracy (a fraction in [0, 1]) for a CSV field. */
    static String fraction(double v) {
        return fixed(v, FRACTION_DECIMALS);
    }

    /** A drop given as a fraction, printed in percentage points for a CSV field. */
    static String pp(double fractionDrop) {
        return fixed(fractionDrop * 100, PP_DECIMALS);
    }

    /** The value the JSON carries for an accuracy: the CSV's rounding, so both files agree digit for digit. */
    static Double jsonFraction(double v) {
        return Double.isNaN(v) ? null : Double.valueOf(fraction(v));
    }

    static Double jsonPp(double fractionDrop) {
        return Double.isNaN(fractionDrop) ? null : Double.valueOf(pp(fractionDrop));
    }

    static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        // a tiny negative rounds to "-0.0000", which reads as a real (if small) gain
        return s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
