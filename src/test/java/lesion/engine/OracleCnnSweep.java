package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The plain way to ablate filters (or units) of a CNN, as the reference for {@link UnitSweep}'s {@link CnnPath}:
 * for {@code zero}, a copy of the network with the filters' weights and biases really set to 0, run whole by DL4J;
 * for the other methods, DL4J's {@code feedForwardToLayer} up to the block end the test names, the channels changed
 * element by element in plain Java (means summed in double over the whole test set, each unit's noise drawn for the
 * whole test set up front), and DL4J's {@code activateSelectedLayers} for the rest. Logits come from a copy whose
 * output activation is the identity ({@link Dl4jLogits}).
 */
final class OracleCnnSweep {

    private OracleCnnSweep() {
    }

    /** Scores per variant, and (in {@code silenced}, if not null) whether the block end was all zero. */
    static List<Scores> run(Network network, Dataset data, int layer, int blockEnd, Ablation method,
            List<int[]> variants, int chunkRows, List<Boolean> silenced) {
        MultiLayerNetwork base = Dl4jLogits.identityOutputCopy(network.dl4j());
        int last = base.getnLayers() - 1;
        int[] labels = data.testLabels();
        int n = labels.length;
        List<int[]> chunks = Evaluator.chunks(n, chunkRows);
        List<Scores> out = new ArrayList<>();
        if (method.kind() == Ablation.Kind.ZERO) {
            for (int[] variant : variants) {
                MultiLayerNetwork net = base.clone();
                for (int u : variant) {
                    INDArray w = net.getParam(layer + "_W");
                    if (w.rank() == 4) {
                        w.get(NDArrayIndex.point(u)).assign(0);
                    } else {
                        w.getColumn(u).assign(0);
                    }
                    if (net.paramTable().containsKey(layer + "_b")) {
                        net.getParam(layer + "_b").putScalar(u, 0);
                    }
                }
                int[] predicted = new int[n];
                BitSet top5 = new BitSet(n);
                boolean zero = true;
                for (int[] chunk : chunks) {
                    INDArray x = Evaluator.rows(data.testFeatures(), chunk);
                    if (silenced != null && blockEnd < last) {
                        INDArray end = net.feedForwardToLayer(blockEnd, x, false).get(blockEnd + 1).dup('c');
                        zero &= allZero(end, variant);
                    }
                    Scorer.score(net.output(x, false), labels, chunk[0], predicted, top5);
                }
                if (silenced != null) {
                    silenced.add(zero);
                }
                out.add(new Scores(data.numClasses(), labels, predicted, top5));
            }
            return out;
        }
        List<float[]> ends = new ArrayList<>();
        long[] shape = null;
        for (int[] chunk : chunks) {
            INDArray end = base.feedForwardToLayer(blockEnd, Evaluator.rows(data.testFeatures(), chunk), false)
                    .get(blockEnd + 1).dup('c');
            shape = end.shape();
            ends.add(end.data().asFloat());
        }
        int units = (int) shape[1];
        int per = 1;
        for (int d = 2; d < shape.length; d++) {
            per *= (int) shape[d];
        }
        double[] sums = new double[units * per];
        for (float[] e : ends) {
            for (int i = 0; i < e.length; i++) {
                sums[i % sums.length] += e[i];
            }
        }
        for (int v = 0; v < variants.size(); v++) {
            int[] variant = variants.get(v);
            float[][] noise = new float[variant.length][];
            for (int i = 0; i < variant.length && method.kind() == Ablation.Kind.NOISE; i++) {
                Random g = method.noiseGenerator(v, variant[i]);
                noise[i] = new float[n * per];
                for (int k = 0; k < noise[i].length; k++) {
                    noise[i][k] = (float) (method.sigma() * g.nextGaussian());
                }
            }
            int[] predicted = new int[n];
            BitSet top5 = new BitSet(n);
            boolean zero = true;
            for (int c = 0; c < chunks.size(); c++) {
                float[] e = ends.get(c).clone();
                int from = chunks.get(c)[0];
                int rows = chunks.get(c)[1] - from;
                for (int i = 0; i < variant.length; i++) {
                    int u = variant[i];
                    if (firstIndexOf(variant, u) < i) {
                        continue; // a unit listed twice is ablated once (noise added once)
                    }
                    for (int r = 0; r < rows; r++) {
                        for (int p = 0; p < per; p++) {
                            int at = (r * units + u) * per + p;
                            e[at] = switch (method.kind()) {
                                case MASK -> 0f;
                                case MEAN -> (float) (sums[u * per + p] / n);
                                case NOISE -> e[at] + noise[i][(from + r) * per + p];
                                case ZERO -> throw new IllegalStateException();
                            };
                            zero &= e[at] == 0f;
                        }
                    }
                }
                long[] chunkShape = shape.clone();
                chunkShape[0] = rows;
                INDArray a = org.nd4j.linalg.factory.Nd4j.createFromArray(e).reshape('c', chunkShape);
                INDArray logits;
                if (blockEnd == last) {
                    logits = a;
                } else if (blockEnd + 1 == last) {
                    logits = base.getLayer(last).activate(a, false, LayerWorkspaceMgr.noWorkspaces());
                } else {
                    logits = base.activateSelectedLayers(blockEnd + 1, last, a);
                }
                Scorer.score(logits, labels, from, predicted, top5);
            }
            if (silenced != null) {
                silenced.add(zero);
            }
            out.add(new Scores(data.numClasses(), labels, predicted, top5));
        }
        return out;
    }

    private static int firstIndexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allZero(INDArray end, int[] variant) {
        for (int u : variant) {
            for (float f : end.get(NDArrayIndex.all(), NDArrayIndex.point(u)).dup('c').data().asFloat()) {
                if (f != 0f) {
                    return false;
                }
            }
        }
        return true;
    }
}
