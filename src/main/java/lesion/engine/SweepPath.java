package lesion.engine;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a {@link UnitSweep} runs a network around the layer it ablates. The sweep computes, once per chunk of test
 * images, the array at the ablation point (what no variant changes); each variant copies it, changes its units'
 * slices, runs it to the end of the ablated units' block (their output after any normalisation and activation,
 * where the sweep checks whether they were silenced) and on to the logits.
 *
 * <p>Arrays at the ablation point and the block end have shape [rows, units, ...]: a dense layer's [rows, units],
 * a convolution's [rows, filters, height, width].
 */
interface SweepPath {

    /** Units (or filters) of the ablated layer. */
    int units();

    /** Test images per forward pass (the last bits of the outputs depend on it, so it is fixed per network). */
    int chunkRows();

    /** The array at the ablation point for these input rows, in a fresh array the sweep may keep. */
    INDArray shared(INDArray input);

    /**
     * The scope of one variant on one chunk: arrays made inside it are released (or reused) when it closes, after
     * the logits have been scored. Null when the path reuses its own buffers.
     */
    default MemoryWorkspace variantScope() {
        return null;
    }

    /** A copy of {@code shared} that a variant may change: c-ordered and contiguous, reused where possible. */
    INDArray scratch(INDArray shared);

    /** From the ablation point to the end of the units' block; may work in place on {@code ablated}. */
    INDArray toBlockEnd(INDArray ablated);

    /** From the block end to the output layer's logits. */
    INDArray logits(INDArray blockEnd);

    /** What {@code zero} puts at the ablation point for unit {@code unit}: the value zeroed weights and bias give. */
    float zeroValue(int unit);
}
