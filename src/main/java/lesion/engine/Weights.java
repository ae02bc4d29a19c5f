package lesion.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer's incoming weights as plain arrays, one row per unit or filter: for a dense layer
 * (W is [nIn, nOut]) row j is column j of W; for a convolution (W is [out, in, kh, kw]) row f is
 * filter f flattened in that order. Biases are not included. Used to choose units by magnitude,
 * similarity or change in training.
 */
public final class Weights {
    private Weights() {
    }

    public static float[][] incoming(Network network, int layer) {
        network.checkLayer(layer);
        INDArray w = network.dl4j().getParam(layer + "_W");
        INDArray rows = w.rank() == 2 ? w.transpose() : w.reshape('c', w.size(0), w.length() / w.size(0));
        float[][] out = new float[(int) rows.rows()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.getRow(i).dup().toFloatVector();
        }
        return out;
    }
}
