package lesion.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The paper's Figure 8: for an importance step, each unit's incoming weights drawn as an image before and after
 * training, side by side, from {@code -importance-weights.json} (written when the inputs form a square image). Each
 * tile has its own colour scale, symmetric around 0 (red positive, blue negative, white 0, full colour at the tile's
 * largest |weight|): training can grow the weights many times over, and on a shared scale the initial ones would
 * fade to white; the pattern, not the size, is what the figure shows. The tiles are PNG images inside the SVG as
 * data URIs: a few kilobytes each where one rectangle per weight would take megabytes.
 */
final class WeightImages implements Exhibit {
    private static final int PER_ROW = 4;
    private static final int SCALE = 3;
    private static final int GAP = 4;
    private static final int PAD = 14;
    private static final int LABEL = 18;
    private static final Color POSITIVE = new Color(0xB2182B);
    private static final Color NEGATIVE = new Color(0x2166AC);

    @Override
    public List<Block> of(RunFiles run, StepFiles step) {
        if (!step.keyword().equals("importance")) {
            return List.of();
        }
        return step.json("-weights").filter(j -> j.path("side").asInt() > 0 && j.path("trained").size() > 0)
                .map(j -> List.<Block>of(figure(step, j))).orElse(List.of());
    }

    private static Figure figure(StepFiles step, JsonNode w) {
        int side = w.path("side").asInt();
        int units = w.path("trained").size();
        int tile = side * SCALE;
        int cellWidth = 2 * tile + GAP + PAD;
        int cellHeight = tile + LABEL + PAD / 2;
        int width = Math.max(PER_ROW * cellWidth, 2 * cellWidth);
        int height = LABEL + ((units + PER_ROW - 1) / PER_ROW) * cellHeight;
        String id = "fig-" + step.anchor() + "-weights";
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(id).append("-svg\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"13\">")
                .append("<text x=\"0\" y=\"13\" fill=\"#444\">each unit: before training | after training</text>");
        for (int u = 0; u < units; u++) {
            float[] before = floats(w.path("initial").path(u));
            float[] after = floats(w.path("trained").path(u));
            int x = (u % PER_ROW) * cellWidth;
            int y = LABEL + (u / PER_ROW) * cellHeight;
            svg.append("<text x=\"").append(x).append("\" y=\"").append(y + 13).append("\" fill=\"#444\">unit ")
                    .append(u).append("</text>");
            tile(svg, before, side, x, y + LABEL - 2, tile);
            tile(svg, after, side, x + tile + GAP, y + LABEL - 2, tile);
        }
        svg.append("</svg>");
        int shown = w.path("units_shown").asInt(units);
        int all = w.path("units").asInt(units);
        String caption = "Incoming weights of each unit of " + Labels.layer(w.path("layer").asText(),
                w.path("layer_name").asText()) + " in network " + w.path("instance").asText() + " as " + side + " × "
                + side + " images, before training (left) and after (right); red positive, blue negative, white 0, "
                + "each image on its own scale, full colour from the 98th percentile of its |weights| on (training "
                + "grows the weights, so a shared scale would wash out the initial ones). "
                + (shown < all ? "The first " + shown + " of the layer's " + all + " units (the file keeps at most "
                + shown + "). " : "")
                + "Step " + step.id() + ", from step-" + step.id() + "-importance-weights.json.";
        return new Figure(id, "fig-weights", "Incoming weights before and after training", caption, svg.toString());
    }

    /** One image: {@code values} row by row, {@code side} wide, as a pixelated PNG scaled to {@code size}. */
    private static void tile(StringBuilder svg, float[] values, int side, int x, int y, int size) {
        double bound = percentileAbs(values, 0.98);
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < side * side && i < values.length; i++) {
            image.setRGB(i % side, i / side, colour(values[i], bound));
        }
        svg.append("<image x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(size)
                .append("\" height=\"").append(size).append("\" style=\"image-rendering:pixelated\" href=\"")
                .append("data:image/png;base64,").append(png(image)).append("\"/>")
                .append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(size)
                .append("\" height=\"").append(size).append("\" fill=\"none\" stroke=\"#bbb\"/>");
    }

    private static int colour(float value, double bound) {
        double t = bound == 0 ? 0 : Math.max(-1, Math.min(1, value / bound));
        Color end = t >= 0 ? POSITIVE : NEGATIVE;
        double a = Math.abs(t);
        return new Color(mix(end.getRed(), a), mix(end.getGreen(), a), mix(end.getBlue(), a)).getRGB();
    }

    private static int mix(int to, double a) {
        return (int) Math.round(255 + (to - 255) * a);
    }

    private static String png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ImageIO.write(image, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a weight image: " + e.getMessage(), e);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    /** The {@code q}-quantile of the values' absolute sizes (nearest rank below). */
    private static double percentileAbs(float[] values, double q) {
        if (values.length == 0) {
            return 0;
        }
        double[] sizes = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            sizes[i] = Math.abs(values[i]);
        }
        java.util.Arrays.sort(sizes);
        return sizes[(int) Math.floor(q * (sizes.length - 1))];
    }
}
