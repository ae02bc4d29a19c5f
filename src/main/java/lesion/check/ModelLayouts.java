package lesion.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The layer tables of the built-in models, computed from their declaration alone (no weights
 * needed), so that a study can be checked and planned without building the network.
 */
public final class ModelLayouts {
    /** VGG-19's convolution channels per block (configuration "E"). */
    private static final int[][] VGG19_BLOCKS = {{64, 64}, {128, 128}, {256, 256, 256, 256}, {512, 512, 512, 512},
        {512, 512, 512, 512}};

    /** VGG's classifier width (4096 hidden units) before width scaling. */
    public static final int VGG_CLASSIFIER_UNITS = 4096;

    private ModelLayouts() {
    }

    /**
     * VGG-19's convolution channels per block before width scaling (five blocks of 2, 2, 4, 4, 4
     * convolutions); a fresh copy. The engine builds the network from this same table.
     */
    public static int[][] vgg19Blocks() {
        int[][] out = new int[VGG19_BLOCKS.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = VGG19_BLOCKS[i].clone();
        }
        return out;
    }

    /** A channel or unit count scaled by the width: rounded half up, at least 1. */
    public static int vggScaled(int channels, double width) {
        return Math.max(1, (int) Math.round(channels * width));
    }

    /**
     * A fully connected network: layer i maps sizes[i] to sizes[i+1]; hidden layers are named
     * hidden1, hidden2, …, the last one (softmax) output.
     */
    public static LayerTable mlp(int[] sizes, String activation, boolean bias) {
        List<LayerInfo> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            boolean last = i + 2 == sizes.length;
            long params = (long) sizes[i] * sizes[i + 1] + (bias ? sizes[i + 1] : 0);
            layers.add(new LayerInfo(i, last ? "output" : "hidden" + (i + 1), last ? "output" : "dense",
                    new int[] {sizes[i + 1]}, params, sizes[i + 1], false));
        }
        StringBuilder desc = new StringBuilder("mlp ");
        for (int i = 0; i < sizes.length; i++) {
            desc.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        desc.append(' ').append(activation).append(bias ? "" : " nobias");
        return new LayerTable(desc.toString(), layers);
    }

    /**
     * VGG-19 numbered as torchvision's {@code vgg19_bn} numbers its modules (features.0 …
     * features.52, then avgpool and classifier.0 … classifier.6). Channels scale with the width.
     * A 2×2 pooling that would shrink a side below 1 pixel keeps the size (28×28 inputs: 28, 14,
     * 7, 3, 1, 1), and the adaptive average pool ends at 1×1 instead of 7×7 for such small inputs.
     */
    public static LayerTable vgg19(boolean batchNorm, double width, DataShape data) {
        List<LayerInfo> layers = new ArrayList<>();
        int channels = data.channels();
        int h = data.height();
        int w = data.width();
        int index = 0;
        for (int[] block : VGG19_BLOCKS) {
            for (int c0 : block) {
                int c = vggScaled(c0, width);
                long params = (long) c * channels * 9 + c;
                layers.add(new LayerInfo(index, "features." + index, "conv", new int[] {c, h, w}, params, c, batchNorm));
                index++;
                if (batchNorm) {
                    layers.add(new LayerInfo(index, "features." + index, "batchnorm", new int[] {c, h, w}, 4L * c, 0,
                            false));
                    index++;
                }
                layers.add(new LayerInfo(index, "features." + index, "relu", new int[] {c, h, w}, 0, 0, false));
                index++;
                channels = c;
            }
            h = h >= 2 ? h / 2 : h;
            w = w >= 2 ? w / 2 : w;
            layers.add(new LayerInfo(index, "features." + index, "maxpool", new int[] {channels, h, w}, 0, 0, false));
            index++;
        }
        int pooled = Math.min(7, Math.min(h, w));
        layers.add(new LayerInfo(index++, "avgpool", "avgpool", new int[] {channels, pooled, pooled}, 0, 0, false));
        int hidden = vggScaled(VGG_CLASSIFIER_UNITS, width);
        int in = channels * pooled * pooled;
        int[] outs = {hidden, hidden, data.classes()};
        for (int k = 0; k < 3; k++) {
            boolean last = k == 2;
            int out = outs[k];
            int ci = 3 * k;
            layers.add(new LayerInfo(index++, "classifier." + ci, last ? "output" : "dense", new int[] {out},
                    (long) in * out + out, out, false));
            if (!last) {
                layers.add(new LayerInfo(index++, "classifier." + (ci + 1), "relu", new int[] {out}, 0, 0, false));
                layers.add(new LayerInfo(index++, "classifier." + (ci + 2), "dropout", new int[] {out}, 0, 0, false));
            }
            in = out;
        }
        String desc = String.format(Locale.ROOT, "vgg19%s width %s on %dx%dx%d", batchNorm ? " bn" : "",
                trim(width), data.channels(), data.height(), data.width());
        return new LayerTable(desc, layers);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
