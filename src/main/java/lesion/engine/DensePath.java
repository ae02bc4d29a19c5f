package lesion.engine;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@link SweepPath} through an MLP with {@link DenseStack}'s arithmetic, which equals DL4J's bit for bit. For
 * {@code zero} the ablation point is the layer's pre-activation z = x W + b (zeroing a unit's incoming weights and
 * bias is the same as zeroing z_j), for the other methods its output act(z); on the output layer both are the
 * logits. Scratch buffers are kept per chunk height (at most two) and reused by every variant.
 */
final class DensePath implements SweepPath {

    private final DenseStack stack;
    private final int layer;
    private final int last;
    private final boolean onOutput;
    private final int chunkRows;
    private final int units;
    private final Map<Long, INDArray[]> buffers = new HashMap<>();

    DensePath(Network network, int layer, Ablation method, int chunkRows) {
        this.stack = new DenseStack(network.dl4j());
        this.layer = layer;
        this.last = stack.layerCount() - 1;
        this.onOutput = method.onOutput();
        this.chunkRows = chunkRows;
        this.units = network.units(layer);
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
        INDArray h = input;
        for (int i = 0; i < layer; i++) {
            h = stack.forward(i, h);
        }
        INDArray z = stack.preActivation(layer, h, stack.buffer(h.rows(), layer));
        return onOutput && layer < last ? stack.activate(layer, z) : z;
    }

    @Override
    public INDArray scratch(INDArray shared) {
        return buffers(shared.rows())[layer].assign(shared);
    }

    @Override
    public INDArray toBlockEnd(INDArray ablated) {
        return !onOutput && layer < last ? stack.activate(layer, ablated) : ablated;
    }

    @Override
    public INDArray logits(INDArray blockEnd) {
        INDArray[] buf = buffers(blockEnd.rows());
        INDArray h = blockEnd;
        for (int k = layer + 1; k <= last; k++) {
            INDArray zk = stack.preActivation(k, h, buf[k]);
            h = k < last ? stack.activate(k, zk) : zk;
        }
        return h;
    }

    @Override
    public float zeroValue(int unit) {
        return 0; // the ablation point for zero is z itself
    }

    private INDArray[] buffers(long rows) {
        return buffers.computeIfAbsent(rows, r -> {
            INDArray[] b = new INDArray[last + 1];
            for (int k = layer; k <= last; k++) {
                b[k] = stack.buffer(r, k);
            }
            return b;
        });
    }
}
