package lesion.engine;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link SweepPath} through a CNN, with DL4J's own layers ({@link LayerRunner}). A unit of layer k (a filter of a
 * convolution, a unit of a dense layer) forms a block with the batch norms and activation layers that directly
 * follow k: VGG-19-BN's {@code features.33} (conv), {@code .34} (batch norm) and {@code .35} (ReLU). The ablation
 * point of every method is the block's end, the channel's output after its normalisation and activation; on the
 * output layer, the logits. {@code zero} sets the channel at k's output to k's own activation of 0 (what zeroed
 * weights and bias give; 0 for VGG's identity convolutions), which the block's layers, acting channel by channel,
 * turn into one value per channel at the block's end: the path runs the block once on those zeros and puts that
 * value there (a batch norm shifts the zeros, which is why zero does not silence such a filter). The floats are
 * those of running the block on every variant, since its layers compute each element alone.
 */
final class CnnPath implements SweepPath {

    private final MultiLayerNetwork net;
    private final LayerRunner runner;
    private final int layer;
    private final int blockEnd;
    private final int point;
    private final int units;
    private final int chunkRows;
    /** What zero puts at the block's end, per unit; null for the other methods. */
    private final float[] zeroValues;

    CnnPath(Network network, int layer, Ablation method, int chunkRows) {
        this.net = network.dl4j();
        this.runner = new LayerRunner(net);
        this.layer = layer;
        this.blockEnd = blockEnd(net, layer);
        this.point = blockEnd;
        this.units = network.units(layer);
        this.chunkRows = chunkRows;
        this.zeroValues = method.onOutput() ? null : blockOfZero();
    }

    /** Each unit's value at the block's end when its output at layer k is k's activation of 0. */
    private float[] blockOfZero() {
        float zero = runner.activationOfZero(layer);
        if (blockEnd == layer) {
            float[] out = new float[units];
            java.util.Arrays.fill(out, zero); // no block after the layer (the output layer's logit is 0)
            return out;
        }
        boolean image = net.getLayer(layer).conf().getLayer() instanceof ConvolutionLayer;
        try (MemoryWorkspace ws = LayerRunner.open()) {
            INDArray x = Nd4j.valueArrayOf(image ? new long[] {1, units, 1, 1} : new long[] {1, units}, zero,
                    net.params().dataType());
            return runner.forwardEach(layer + 1, blockEnd, x).dup('c').data().asFloat();
        }
    }

    /** The last layer of layer {@code k}'s block: k, then any batch norms and activation layers right after it. */
    static int blockEnd(MultiLayerNetwork net, int k) {
        int last = net.getnLayers() - 1;
        int end = k;
        while (end + 1 < last) {
            Layer next = net.getLayer(end + 1).conf().getLayer();
            if (!(next instanceof BatchNormalization || next instanceof ActivationLayer)) {
                break;
            }
            end++;
        }
        return end;
    }

    @Override
    public int units() {
        return units;
    }

    @Override
    public int chunkRows() {
        return chunkRows;
    }

    @Override
    public INDArray shared(INDArray input) {
        // the input rows may be a view of the test set; DL4J's first preprocessor reshapes without writing
        return advance(input, 0);
    }

    /** The layer whose output is the ablation point (the layer itself, or its block's end). */
    int point() {
        return point;
    }

    /**
     * The array at the ablation point from {@code input}, the input of layer {@code from} (at most the point), one
     * layer at a time ({@link LayerRunner#forwardEach}): the same floats whether the run starts at the images or
     * where an earlier sweep's ablation point was. May write into {@code input}; the result is a fresh array.
     */
    INDArray advance(INDArray input, int from) {
        try (MemoryWorkspace ws = LayerRunner.open()) {
            INDArray a = point == runner.lastLayer() ? runner.logitsEach(from, input)
                    : runner.forwardEach(from, point, input);
            return (a == input ? a.dup() : a).detach(); // kept across variants: out of the workspace
        }
    }

    @Override
    public MemoryWorkspace variantScope() {
        return LayerRunner.open();
    }

    @Override
    public INDArray scratch(INDArray shared) {
        return shared.dup('c'); // in the variant's workspace
    }

    @Override
    public INDArray toBlockEnd(INDArray ablated) {
        return ablated; // every method's ablation point is the block's end
    }

    @Override
    public INDArray logits(INDArray end) {
        return blockEnd == runner.lastLayer() ? end : runner.logits(blockEnd + 1, end);
    }

    @Override
    public float zeroValue(int unit) {
        return zeroValues[unit];
    }
}
