package lesion.repl;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import lesion.engine.Dataset;
import lesion.results.VariantRow;

/**
 * {@code :show samples}: the test images a variant got newly wrong (right before the ablation) and newly right,
 * counted per class, listed by index and label, and the first few newly wrong ones drawn in characters.
 */
final class SampleView {

    /** Images listed by index, and drawn, at most. */
    static final int LISTED = 20;
    static final int DRAWN = 4;
    private static final String SHADES = " .:-=+*#%@";

    private SampleView() {
    }

    static String render(String stepId, VariantRow row, Dataset data) {
        int[] labels = data.testLabels();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "step %s, layer %d (%s), units %s: %,d of %,d test images newly "
                + "wrong, %,d newly right%n", stepId, row.layer(), row.layerName(), units(row),
                row.newlyWrongSamples().length, data.testSize(), row.newlyRightSamples().length));
        list(out, "newly wrong", row.newlyWrongSamples(), labels);
        list(out, "newly right", row.newlyRightSamples(), labels);
        int[] shape = data.imageShape();
        int drawn = Math.min(DRAWN, row.newlyWrongSamples().length);
        if (drawn > 0 && shape[0] == 1) {
            out.append("the first newly wrong (class in brackets):").append(System.lineSeparator());
            float[][] images = new float[drawn][];
            StringBuilder heading = new StringBuilder();
            for (int i = 0; i < drawn; i++) {
                int index = row.newlyWrongSamples()[i];
                images[i] = data.testImage(index);
                heading.append(pad(String.format(Locale.ROOT, "#%d [%d]", index, labels[index]), shape[2] + 2));
            }
            out.append(heading.toString().stripTrailing()).append(System.lineSeparator());
            draw(out, images, shape[1], shape[2]);
        }
        return out.toString();
    }

    private static void list(StringBuilder out, String what, int[] samples, int[] labels) {
        if (samples.length == 0) {
            return;
        }
        Map<Integer, Integer> byClass = new TreeMap<>();
        for (int s : samples) {
            byClass.merge(labels[s], 1, Integer::sum);
        }
        out.append("  ").append(what).append(" by class:");
        byClass.forEach((c, n) -> out.append(' ').append(c).append(": ").append(n));
        out.append(System.lineSeparator()).append("  ").append(what).append(':');
        for (int i = 0; i < Math.min(LISTED, samples.length); i++) {
            out.append(String.format(Locale.ROOT, " #%d [%d]", samples[i], labels[samples[i]]));
        }
        if (samples.length > LISTED) {
            out.append(String.format(Locale.ROOT, " … and %,d more", samples.length - LISTED));
        }
        out.append(System.lineSeparator());
    }

    /** Grey images side by side, two pixel rows per line of characters (characters are about twice as tall). */
    private static void draw(StringBuilder out, float[][] images, int rows, int cols) {
        for (int r = 0; r < rows; r += 2) {
            StringBuilder line = new StringBuilder();
            for (float[] image : images) {
                for (int c = 0; c < cols; c++) {
                    float v = image[r * cols + c];
                    if (r + 1 < rows) {
                        v = Math.max(v, image[(r + 1) * cols + c]);
                    }
                    int shade = Math.min(SHADES.length() - 1, Math.max(0, Math.round(v * (SHADES.length() - 1))));
                    line.append(SHADES.charAt(shade));
                }
                line.append("  ");
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    private static String units(VariantRow row) {
        return String.join("+", java.util.Arrays.stream(row.units()).mapToObj(Integer::toString).toList());
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
