package lesion.engine;

import java.util.BitSet;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fast path of {@link UnitSweep} through an MLP: every variant of a dense layer scored in plain Java, from arrays
 * computed once per sweep.
 *
 * <p>What no variant changes is computed once, with {@link DenseStack} (DL4J's arithmetic, in the network's
 * evaluation chunks): the ablated layer's outputs a = act(z) and, below the output layer, the next layer's
 * pre-activation z' = a W + b. A variant replaces its units' outputs a_j by new values v_j (act(0) for zero, 0 for
 * mask, the test-set mean for mean, a_j plus noise for noise), which changes the next pre-activation by the rank-one
 * term (v_j − a_j) W[j, :] per unit: a single costs one row of W per image instead of the whole product, a pair two.
 * The rest of the network (activations, later dense layers, the logits) and the scoring run per tile of
 * {@link #TILE} test images, stored unit by unit ([unit][image]) so that every inner loop is a contiguous run of
 * floats that the JIT vectorises. Scratch arrays belong to a {@link Worker}, one per thread, made once per sweep.
 *
 * <p>The results equal the plain path's (the weights really zeroed, DL4J run whole) up to float rounding: the
 * rank-one update and the Java sums add the same terms in another order than BLAS, so a logit can differ in its last
 * bits, and a prediction only where two logits tie to within that. The tests hold the two paths to equal predictions
 * and top-5 sets on every image of their networks.
 */
final class DenseSweep {

    /** Test images per tile: the tile's activations of the widest layer stay in the CPU's nearest caches. */
    static final int TILE = 256;

    private final int layer;
    private final int last;
    private final int rows;
    /** Outputs of the ablated layer, [unit][image]; on the output layer, the logits. */
    private final float[] a;
    /** The next layer's pre-activation, [unit][image]; null on the output layer. */
    private final float[] next;
    /** widths[k]: units of layer k, for k = layer..last. */
    private final int[] widths;
    /** weights[k]: layer k's W, row-major [inputs][units], for k = layer+1..last. */
    private final float[][] weights;
    private final float[][] biases;
    /** activations[k] for the hidden layers k = layer+1..last-1. */
    private final DenseActivation[] activations;
    private final float zeroValue;
    private final int maxWidth;

    private DenseSweep(int layer, int last, int rows, float[] a, float[] next, int[] widths, float[][] weights,
            float[][] biases, DenseActivation[] activations, float zeroValue) {
        this.layer = layer;
        this.last = last;
        this.rows = rows;
        this.a = a;
        this.next = next;
        this.widths = widths;
        this.weights = weights;
        this.biases = biases;
        this.activations = activations;
        this.zeroValue = zeroValue;
        int max = 0;
        for (int k = layer; k <= last; k++) {
            max = Math.max(max, widths[k]);
        }
        this.maxWidth = max;
    }

    /**
     * The fast path for ablating layer {@code layer} of {@code network} on {@code data}, or null when it does not
     * apply: an activation after the layer without a Java counterpart ({@link DenseActivation}), or arrays for the
     * whole test set above {@code budget} bytes.
     */
    static DenseSweep prepare(Network network, Dataset data, int layer, int chunkRows, long budget) {
        MultiLayerNetwork net = network.dl4j();
        int last = net.getnLayers() - 1;
        int rows = data.testSize();
        int[] widths = new int[last + 1];
        for (int k = 0; k <= last; k++) {
            widths[k] = (int) net.getParam(k + "_W").columns();
        }
        long floats = (long) rows * (widths[layer] + (layer < last ? widths[layer + 1] : 0));
        if (floats * Float.BYTES > budget) {
            return null;
        }
        DenseActivation[] activations = new DenseActivation[last + 1];
        for (int k = layer + 1; k < last; k++) {
            activations[k] = DenseActivation.of(((BaseLayer) net.getLayer(k).conf().getLayer()).getActivationFn());
            if (activations[k] == null) {
                return null;
            }
        }
        float[][] weights = new float[last + 1][];
        float[][] biases = new float[last + 1][];
        for (int k = layer + 1; k <= last; k++) {
            weights[k] = net.getParam(k + "_W").dup('c').data().asFloat();
            biases[k] = network.hasBias(k) ? net.getParam(k + "_b").dup('c').data().asFloat() : null;
        }
        DenseStack stack = new DenseStack(net);
        float[] a = new float[rows * widths[layer]];
        float[] next = layer < last ? new float[rows * widths[layer + 1]] : null;
        for (int[] chunk : Evaluator.chunks(rows, chunkRows)) {
            INDArray h = Evaluator.rows(data.testFeatures(), chunk);
            for (int i = 0; i < layer; i++) {
                h = stack.forward(i, h);
            }
            INDArray out = stack.preActivation(layer, h, stack.buffer(h.rows(), layer));
            if (layer < last) {
                out = stack.activate(layer, out);
                transposeInto(stack.preActivation(layer + 1, out, stack.buffer(h.rows(), layer + 1)), next, rows,
                        chunk[0]);
            }
            transposeInto(out, a, rows, chunk[0]);
        }
        float zeroValue = layer == last ? 0 : new LayerRunner(net).activationOfZero(layer);
        return new DenseSweep(layer, last, rows, a, next, widths, weights, biases, activations, zeroValue);
    }

    /** Copies {@code m} ([chunk rows, units]) into {@code dest} ([unit][all rows]) at row {@code from}. */
    private static void transposeInto(INDArray m, float[] dest, int rows, int from) {
        int n = (int) m.rows();
        int units = (int) m.columns();
        float[] columnMajor = m.dup('f').data().asFloat();
        for (int u = 0; u < units; u++) {
            System.arraycopy(columnMajor, u * n, dest, u * rows + from, n);
        }
    }

    /** Scratch arrays for one thread; not shared. */
    Worker worker() {
        return new Worker();
    }

    /** Scores variants; one per thread. */
    final class Worker {
        // the tile's activations, [unit][image]: loops over one unit's images are the ones the JIT vectorises
        // (JDK 17's C2 does not vectorise a loop whose arrays are indexed at two different offsets)
        private float[][] x = new float[maxWidth][TILE];
        private float[][] y = new float[maxWidth][TILE];
        private final float[] outputs = new float[TILE];
        private final float[] values = new float[TILE];
        private final float[] delta = new float[TILE];
        private final TileScorer scorer = new TileScorer(TILE, widths[last]);

        private Worker() {
        }

        /**
         * Scores one variant into {@code predicted} and {@code top5} (indexed by test image; the words of a {@link BitSet}) and says whether its
         * units' new outputs were exactly 0 on every image. {@code units} lists each unit once; {@code noise} holds
         * their generators for noise (else null), {@code means} the means for mean (else null).
         */
        boolean score(int[] units, Ablation method, Random[] noise, float[] means, int[] labels, int[] predicted,
                long[] top5) {
            boolean silenced = true;
            int width = layer < last ? widths[layer + 1] : widths[last];
            float[] start = layer < last ? next : a;
            for (int r0 = 0; r0 < rows; r0 += TILE) {
                int t = Math.min(TILE, rows - r0);
                for (int k = 0; k < width; k++) {
                    System.arraycopy(start, k * rows + r0, x[k], 0, t);
                }
                for (int i = 0; i < units.length; i++) {
                    int u = units[i];
                    System.arraycopy(a, u * rows + r0, outputs, 0, t);
                    silenced &= newValues(method, u, noise == null ? null : noise[i], means, t);
                    if (layer < last) {
                        addRankOne(u, t, width);
                    } else {
                        System.arraycopy(values, 0, x[u], 0, t);
                    }
                }
                int w = width;
                for (int k = layer + 1; k < last; k++) {
                    for (int j = 0; j < w; j++) {
                        activations[k].apply(x[j], 0, t);
                    }
                    w = dense(k + 1, w, t);
                }
                scorer.score(x, w, t, labels, r0, predicted, top5);
            }
            return silenced;
        }

        /** The unit's outputs under the ablation into {@link #values}, from its own in {@link #outputs}. */
        private boolean newValues(Ablation method, int u, Random noise, float[] means, int t) {
            switch (method.kind()) {
                case ZERO, MASK, MEAN -> {
                    float v = method.kind() == Ablation.Kind.ZERO ? zeroValue
                            : method.kind() == Ablation.Kind.MASK ? 0 : means[u];
                    java.util.Arrays.fill(values, 0, t, v);
                    return v == 0;
                }
                case NOISE -> {
                    boolean zero = true;
                    for (int s = 0; s < t; s++) {
                        // one float addition, as the plain path adds the noise to the output
                        values[s] = outputs[s] + (float) (method.sigma() * noise.nextGaussian());
                        zero &= values[s] == 0;
                    }
                    return zero;
                }
                default -> throw new IllegalStateException(method.toString());
            }
        }

        /** x += (values − outputs) ⊗ W[u, :] of the next layer: the rank-one change of its pre-activation. */
        private void addRankOne(int u, int t, int width) {
            float[] d = delta;
            float[] v = values;
            float[] o = outputs;
            for (int s = 0; s < t; s++) {
                d[s] = v[s] - o[s];
            }
            float[] w = weights[layer + 1];
            for (int k = 0; k < width; k++) {
                axpy(w[u * width + k], d, x[k], t);
            }
        }

        /** x W + b of layer k for the tile (x has {@code in} units) into y, then swapped into x; its width. */
        private int dense(int k, int in, int t) {
            int out = widths[k];
            float[] w = weights[k];
            float[] b = biases[k];
            for (int o = 0; o < out; o++) {
                float[] row = y[o];
                java.util.Arrays.fill(row, 0, t, b == null ? 0 : b[o]);
                int i = 0;
                for (; i + 4 <= in; i += 4) {
                    // four inputs per pass over the row: a quarter of the loads and stores of y
                    axpy4(w[i * out + o], x[i], w[(i + 1) * out + o], x[i + 1], w[(i + 2) * out + o], x[i + 2],
                            w[(i + 3) * out + o], x[i + 3], row, t);
                }
                for (; i < in; i++) {
                    axpy(w[i * out + o], x[i], row, t);
                }
            }
            float[][] swap = x;
            x = y;
            y = swap;
            return out;
        }
    }

    /** y[0..n) += a·x + b·u + c·v + d·w, element by element: one vectorised pass for four inputs. */
    private static void axpy4(float a, float[] x, float b, float[] u, float c, float[] v, float d, float[] w,
            float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += a * x[i] + b * u[i] + c * v[i] + d * w[i];
        }
    }

    /** y[0..n) += alpha · x[0..n): the loop the JIT turns into vector instructions. */
    private static void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** The units of {@code variant} with repeats dropped, in order of first mention. */
    static int[] distinct(int[] variant) {
        return java.util.Arrays.stream(variant).distinct().toArray();
    }
}
