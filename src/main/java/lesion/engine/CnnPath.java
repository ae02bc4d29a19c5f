package lesion.engine;

import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link SweepPath} through a CNN, with DL4J's own layers ({@link LayerRunner}). A unit of layer k (a filter of a
 * convolution, a unit of a dense layer) forms a block with the batch norms and activation layers that directly
 * follow k: VGG-19-BN's {@code features.33} (conv), {@code .34} (batch norm) and {@code .35} (ReLU). The ablation
 * point for {@code zero} is k's output, where the channel is set to k's own activation of 0 (what zeroed weights and
 * bias give; 0 for VGG's identity convolutions), and the block's remaining layers run per variant: a batch norm then
 * shifts the zeros, which is why zero does not silence such a filter. For {@code mask}, {@code mean} and
 * {@code noise} the ablation point is the block's end, the channel's output after its normalisation and
 * activation. On the output layer both points are the logits.
 */
final class CnnPath implements SweepPath {

    private final MultiLayerNetwork net;
    private final LayerRunner runner;
    private final int layer;
    private final int blockEnd;
    private final int point;
    private final int units;
    private final int chunkRows;
    private final float zeroValue;

    CnnPath(Network network, int layer, Ablation method, int chunkRows) {
        this.net = network.dl4j();
        this.runner = new LayerRunner(net);
        this.layer = layer;
        this.blockEnd = blockEnd(net, layer);
        this.point = method.onOutput() ? blockEnd : layer;
        this.units = network.units(layer);
        this.chunkRows = chunkRows;
        this.zeroValue = runner.activationOfZero(layer);
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
        return point == runner.lastLayer() ? ablated : runner.forward(point + 1, blockEnd, ablated);
    }

    @Override
    public INDArray logits(INDArray end) {
        return blockEnd == runner.lastLayer() ? end : runner.logits(blockEnd + 1, end);
    }

    @Override
    public float zeroValue() {
        return zeroValue;
    }
}
