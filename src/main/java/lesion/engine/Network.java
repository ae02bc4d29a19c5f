package lesion.engine;

import lesion.results.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import lesion.check.LayerTable;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * An opaque handle on a trained (or untrained) network that classifies flattened images. Three kinds are supported:
 * <ul>
 *   <li>an MLP: every layer dense, layer {@code i} mapping the output of layer i-1 (the image for i = 0), the last
 *       one a softmax output;
 *   <li>a feed-forward network on the flat image with other layers between its dense ones (dropouts, batch norms,
 *       activations; a Keras MLP with {@code Dropout}, read from a file), ending in a softmax output;
 *   <li>a feed-forward CNN such as {@link Vgg19Spec VGG-19}: 2-D convolutions, batch norms, activations, max or
 *       average poolings, dropouts and dense layers in sequence, ending in a softmax output, taking flattened
 *       images through the preprocessor that DL4J adds for {@code InputType.convolutionalFlat(h, w, c)}.
 * </ul>
 * Layer {@code i} is DL4J's layer {@code i}, which is how the language numbers layers. Not thread-safe: use one
 * thread at a time.
 */
public final class Network {

    private final MultiLayerNetwork net;
    private final boolean denseOnly;
    /** Channels, height, width of a CNN's input images; null for an MLP. */
    private final int[] imageShape;

    Network(MultiLayerNetwork net) {
        this(net, "network");
    }

    Network(MultiLayerNetwork net, String what) {
        this.net = net;
        this.denseOnly = checkSupported(net, what);
        this.imageShape = denseOnly || !hasImageLayers(net) ? null : imageShape(net);
    }

    MultiLayerNetwork dl4j() {
        return net;
    }

    /** Whether {@code net} is an MLP (true) or a supported CNN (false); throws for anything else. */
    private static boolean checkSupported(MultiLayerNetwork net, String what) {
        int n = net.getnLayers();
        if (n == 0) {
            throw new EngineException(what + " has no layers");
        }
        Layer out = net.getLayer(n - 1).conf().getLayer();
        if (!(out instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax)) {
            throw new EngineException(what + " is not a supported network: its last layer (" + (n - 1) + ") is a "
                    + out.getClass().getSimpleName() + " (expected a softmax OutputLayer)");
        }
        boolean dense = true;
        for (int i = 0; i < n - 1; i++) {
            dense &= net.getLayer(i).conf().getLayer() instanceof DenseLayer;
        }
        if (dense) {
            return true;
        }
        if (!hasImageLayers(net) && net.getLayer(0).conf().getLayer() instanceof DenseLayer first && first.getNIn() > 0
                && net.getLayerWiseConfigurations().getInputPreProcess(0) == null) {
            for (int i = 0; i < n - 1; i++) {
                Layer conf = net.getLayer(i).conf().getLayer();
                if (!cnnLayer(conf)) {
                    throw new EngineException(what + " is not a supported network: layer " + i + " is a "
                            + conf.getClass().getSimpleName() + " (expected DenseLayer, BatchNormalization, "
                            + "ActivationLayer or DropoutLayer in a network on flat input)");
                }
            }
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            if (!cnnLayer(conf)) {
                throw new EngineException(what + " is not a supported network: layer " + i + " is a "
                        + conf.getClass().getSimpleName() + " (expected a multi-layer perceptron of DenseLayers, or a "
                        + "CNN of ConvolutionLayer, BatchNormalization, ActivationLayer, max or average "
                        + "SubsamplingLayer, DropoutLayer and DenseLayer)");
            }
        }
        if (!(net.getLayerWiseConfigurations().getInputPreProcess(0) instanceof FeedForwardToCnnPreProcessor pre)
                || pre.getInputHeight() < 1 || pre.getInputWidth() < 1 || pre.getNumChannels() < 1) {
            throw new EngineException(what + " is not a supported network: a CNN must take flattened images (built "
                    + "with setInputType(InputType.convolutionalFlat(height, width, channels)))");
        }
        return false;
    }

    private static boolean cnnLayer(Layer conf) {
        return conf instanceof DenseLayer || conf.getClass() == ConvolutionLayer.class
                || conf instanceof BatchNormalization || conf instanceof ActivationLayer || conf instanceof DropoutLayer
                || conf.getClass() == SubsamplingLayer.class && (((SubsamplingLayer) conf).getPoolingType()
                        == PoolingType.MAX || ((SubsamplingLayer) conf).getPoolingType() == PoolingType.AVG);
    }

    /** Whether any layer is a convolution or pooling: then the input is an image, not a flat vector. */
    private static boolean hasImageLayers(MultiLayerNetwork net) {
        for (int i = 0; i < net.getnLayers(); i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            if (conf instanceof ConvolutionLayer || conf instanceof SubsamplingLayer) {
                return true;
            }
        }
        return false;
    }

    private static int[] imageShape(MultiLayerNetwork net) {
        FeedForwardToCnnPreProcessor pre =
                (FeedForwardToCnnPreProcessor) net.getLayerWiseConfigurations().getInputPreProcess(0);
        return new int[] {(int) pre.getNumChannels(), (int) pre.getInputHeight(), (int) pre.getInputWidth()};
    }

    /** Whether every layer is dense (an MLP), as {@link UnitSweep} requires. */
    public boolean denseOnly() {
        return denseOnly;
    }

    /** Number of layers, as the language numbers them (DL4J's layers). */
    public int layerCount() {
        return net.getnLayers();
    }

    /** Input values per sample (e.g. 784). */
    public int inputSize() {
        if (imageShape == null) {
            return (int) ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNIn();
        }
        return imageShape[0] * imageShape[1] * imageShape[2];
    }

    /** Outputs of the softmax layer. */
    public int classes() {
        return units(layerCount() - 1);
    }

    /**
     * Units of a dense layer, filters of a convolution (their outputs); 0 for layers without them (batch norm,
     * activation, pooling, dropout).
     */
    public int units(int layer) {
        checkLayer(layer);
        Layer conf = net.getLayer(layer).conf().getLayer();
        boolean hasUnits = conf instanceof DenseLayer || conf instanceof OutputLayer
                || conf.getClass() == ConvolutionLayer.class;
        return hasUnits ? (int) ((FeedForwardLayer) conf).getNOut() : 0;
    }

    /**
     * An MLP's layers are hidden1, hidden2, ..., output whatever their configuration says; a CNN's are named as in
     * {@link #layers()} (their configured names, e.g. VGG-19's {@code features.33}).
     */
    public String layerName(int layer) {
        checkLayer(layer);
        return denseOnly ? MlpSpec.layerName(layer, layerCount()) : layers().get(layer).name();
    }

    /** The layer table (index, name, type, output shape, parameters, units) as {@code lesion layers} shows it. */
    public LayerTable layers() {
        return NetworkLayers.of(net, toString());
    }

    /** Whether layer {@code layer} has a bias vector. */
    public boolean hasBias(int layer) {
        checkLayer(layer);
        return net.paramTable().containsKey(layer + "_b");
    }

    public long parameterCount() {
        return net.numParams();
    }

    void checkLayer(int layer) {
        if (layer < 0 || layer >= layerCount()) {
            throw new IllegalArgumentException("layer " + layer + " does not exist; the network has layers 0.."
                    + (layerCount() - 1));
        }
    }

    /**
     * SHA-256 (hex) of all parameters: the little-endian IEEE-754 float32 values in DL4J's flattened order
     * (per layer: W column-major as DL4J stores it, then b). Equal hashes mean bit-identical networks.
     */
    public String paramsSha256() {
        float[] values = net.params().dup('c').data().asFloat();
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        MessageDigest md = Sha256.digest();
        md.update(buf.array());
        return HexFormat.of().formatHex(md.digest());
    }

    /** Scores of this network on the test part of {@code data}, run in chunks of {@link #evaluationChunkRows}. */
    public Scores evaluate(Dataset data) {
        checkInput(data);
        return Evaluator.evaluate(net, data, evaluationChunkRows());
    }

    /**
     * Test images per forward pass: {@link Evaluator#CHUNK_ROWS} for an MLP, fewer for a CNN so that its largest
     * buffer stays bounded (see {@link Evaluator#cnnChunkRows}). A function of the architecture alone, so results
     * are reproducible; record it with the results, since the last bits of the outputs depend on it.
     */
    public int evaluationChunkRows() {
        return imageShape == null ? Evaluator.CHUNK_ROWS : Evaluator.cnnChunkRows(net, imageShape);
    }

    void checkInput(Dataset data) {
        if (data.featureSize() != inputSize()) {
            throw new EngineException("the network expects " + inputSize() + " inputs per image but " + data.source()
                    + " has " + data.featureSize());
        }
        if (imageShape != null && !Arrays.equals(imageShape, data.imageShape())) {
            throw new EngineException("the network expects images of " + shapeText(imageShape) + " (channels x "
                    + "height x width) but the images of " + data.source() + " are " + shapeText(data.imageShape()));
        }
        if (data.numClasses() != classes()) {
            throw new EngineException("the network has " + classes() + " outputs but " + data.source()
                    + " has " + data.numClasses() + " classes");
        }
    }

    private static String shapeText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : "x").append(d);
        }
        return sb.toString();
    }

    /** An independent copy (parameters included). */
    public Network copy() {
        return new Network(net.clone());
    }

    /** Writes the network (configuration and parameters, no optimizer state) as a DL4J model zip, atomically. */
    public void save(Path file) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".tmp-", ".zip");
            ModelSerializer.writeModel(net, tmp.toFile(), false);
            FileOps.moveAtomically(tmp, file);
            tmp = null;
        } catch (IOException e) {
            throw new EngineException("cannot write model file " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                FileOps.deleteQuietly(tmp);
            }
        }
    }

    /**
     * Reads a model zip written by {@link #save}, or by DL4J for a network of one of the two supported kinds (see the
     * class comment).
     */
    public static Network load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EngineException("model file " + file + " does not exist");
        }
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        } catch (Exception e) {
            // DL4J reports a damaged zip through many exception types (zip, JSON, state); all mean the same here
            throw new EngineException("cannot read model file " + file + ": it is not a valid DL4J model zip ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        if (net == null) {
            throw new EngineException("cannot read model file " + file + ": it holds no network");
        }
        return new Network(net, "model file " + file);
    }

    /**
     * An MLP as {@code Network[784,20,10,10]}, a CNN as {@code Network[1x28x28: 61 layers, 16 conv, 10 outputs]}, a
     * network on flat input with other layers as {@code Network[784: 4 layers, 0 conv, 10 outputs]}.
     */
    @Override
    public String toString() {
        if (!denseOnly) {
            long convs = java.util.stream.IntStream.range(0, layerCount())
                    .filter(i -> net.getLayer(i).conf().getLayer().getClass() == ConvolutionLayer.class).count();
            return "Network[" + (imageShape == null ? String.valueOf(inputSize()) : shapeText(imageShape)) + ": "
                    + layerCount() + " layers, " + convs + " conv, "
                    + classes() + " outputs]";
        }
        StringBuilder sb = new StringBuilder("Network[").append(inputSize());
        for (int i = 0; i < layerCount(); i++) {
            sb.append(',').append(units(i));
        }
        return sb.append(']').toString();
    }
}
