package lesion.engine;

import java.util.Locale;
import lesion.check.DataShape;
import lesion.check.LayerTable;
import lesion.check.ModelLayouts;

/**
 * VGG-19 (configuration "E": 16 convolutions in five blocks, then three dense layers), with or without batch
 * normalisation, its channels and hidden units scaled by {@code width} (rounded half up, at least 1), on images of
 * {@code inputChannels} × {@code inputHeight} × {@code inputWidth} fed as flattened rows, with {@code classes}
 * outputs. Its DL4J layers correspond one to one to {@link ModelLayouts#vgg19}'s table (torchvision's
 * {@code vgg19_bn} module numbering); {@link Vgg19Builder} says how each module is built.
 *
 * <p>Small inputs: a 2×2 max pooling on a side of 1 keeps it (a 1×1 pooling), so 28×28 goes 14, 7, 3, 1, 1; the
 * adaptive average pool to {@code min(7, side)} is an average pooling whose window is side / pooled, which is exact
 * only when the sides are multiples of the pooled size (always for sides up to 7, e.g. every input up to 255×255);
 * other inputs are refused.
 */
public record Vgg19Spec(boolean batchNorm, double width, int inputChannels, int inputHeight, int inputWidth,
        int classes) implements Architecture {

    /** The checker's bound for the width, repeated here so the engine never builds a bigger network. */
    public static final double MAX_WIDTH = 4;

    public Vgg19Spec {
        if (!(width > 0 && width <= MAX_WIDTH)) {
            throw new IllegalArgumentException("the width must be above 0 and at most 4: " + width);
        }
        if (inputChannels < 1 || inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("the input must have at least 1 channel and 1×1 pixels: "
                    + inputChannels + "x" + inputHeight + "x" + inputWidth);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("there must be at least 1 class: " + classes);
        }
        int h = featureSide(inputHeight);
        int w = featureSide(inputWidth);
        int pooled = Math.min(7, Math.min(h, w));
        if (h % pooled != 0 || w % pooled != 0) {
            throw new IllegalArgumentException("VGG-19 on " + inputHeight + "x" + inputWidth + " images ends its "
                    + "features at " + h + "x" + w + ", which an average pooling cannot turn into exactly " + pooled
                    + "x" + pooled + " (the adaptive pool needs sides that are multiples of " + pooled + ")");
        }
    }

    /** For a data set's image shape and classes, e.g. MNIST's 1×28×28 and 10. */
    public static Vgg19Spec of(boolean batchNorm, double width, DataShape data) {
        return new Vgg19Spec(batchNorm, width, data.channels(), data.height(), data.width(), data.classes());
    }

    @Override
    public int inputSize() {
        return inputChannels * inputHeight * inputWidth;
    }

    /** Channels, height, width of the input images. */
    public int[] imageShape() {
        return new int[] {inputChannels, inputHeight, inputWidth};
    }

    /** The layer table the language uses (and that the built network has, layer for layer). */
    public LayerTable layout() {
        return ModelLayouts.vgg19(batchNorm, width,
                new DataShape("input", inputChannels, inputHeight, inputWidth, classes, 0, 0));
    }

    /** A max pooling's window along a side: 2, or 1 where the side is already 1 (so it keeps its size). */
    static int maxPoolWindow(int side) {
        return side >= 2 ? 2 : 1;
    }

    /** A side after the five max poolings. */
    static int featureSide(int side) {
        int s = side;
        for (int block = 0; block < 5; block++) {
            s /= maxPoolWindow(s);
        }
        return s;
    }

    /** e.g. {@code vgg19 bn width=0.25 input=1x28x28 classes=10}; the width written exactly. */
    @Override
    public String canonical() {
        return String.format(Locale.ROOT, "vgg19%s width=%s input=%dx%dx%d classes=%d", batchNorm ? " bn" : "",
                Double.toString(width), inputChannels, inputHeight, inputWidth, classes);
    }

    @Override
    public String toString() {
        return canonical();
    }
}
