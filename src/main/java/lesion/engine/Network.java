package lesion.engine;

import lesion.results.Sha256;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;

/**
 * An opaque handle on a trained (or untrained) dense network: layer {@code i} maps the output of layer i-1 (the image
 * for i = 0) through a dense layer; the last layer is the softmax output. Not thread-safe: use one thread at a time.
 */
public final class Network {

    private final MultiLayerNetwork net;

    Network(MultiLayerNetwork net) {
        this.net = net;
        checkSupported(net, "network");
    }

    MultiLayerNetwork dl4j() {
        return net;
    }

    private static void checkSupported(MultiLayerNetwork net, String what) {
        int n = net.getnLayers();
        if (n == 0) {
            throw new EngineException(what + " has no layers");
        }
        for (int i = 0; i < n; i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            boolean last = i == n - 1;
            boolean ok = last ? conf instanceof OutputLayer o && o.getActivationFn() instanceof ActivationSoftmax
                    : conf instanceof DenseLayer;
            if (!ok) {
                throw new EngineException(what + " is not a supported multi-layer perceptron: layer " + i + " is a "
                        + conf.getClass().getSimpleName() + (last ? " (expected a softmax OutputLayer)"
                        : " (expected a DenseLayer)"));
            }
        }
    }

    /** Number of weight layers (hidden layers plus the output layer). */
    public int layerCount() {
        return net.getnLayers();
    }

    /** Input values per sample (e.g. 784). */
    public int inputSize() {
        return (int) ((FeedForwardLayer) net.getLayer(0).conf().getLayer()).getNIn();
    }

    /** Units (outputs) of layer {@code layer}. */
    public int units(int layer) {
        checkLayer(layer);
        return (int) ((FeedForwardLayer) net.getLayer(layer).conf().getLayer()).getNOut();
    }

    /** hidden1, hidden2, ..., output. */
    public String layerName(int layer) {
        checkLayer(layer);
        return MlpSpec.layerName(layer, layerCount());
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

    /** Scores of this network on the test part of {@code data}. */
    public Scores evaluate(Dataset data) {
        checkInput(data);
        return Evaluator.evaluate(net, data, Evaluator.CHUNK_ROWS);
    }

    void checkInput(Dataset data) {
        if (data.featureSize() != inputSize()) {
            throw new EngineException("the network expects " + inputSize() + " inputs per image but " + data.source()
                    + " has " + data.featureSize());
        }
        if (data.numClasses() != units(layerCount() - 1)) {
            throw new EngineException("the network has " + units(layerCount() - 1) + " outputs but " + data.source()
                    + " has " + data.numClasses() + " classes");
        }
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

    /** Reads a model zip written by {@link #save} (or by DL4J for a dense network with a softmax output). */
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
        checkSupported(net, "model file " + file);
        return new Network(net);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network[").append(inputSize());
        for (int i = 0; i < layerCount(); i++) {
            sb.append(',').append(units(i));
        }
        return sb.append(']').toString();
    }
}
