package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plain way to apply {@code mask}, {@code mean} and {@code noise}, as a reference for {@link UnitSweep}: DL4J
 * computes layer L's output ({@code feedForwardToLayer} on the copy whose output activation is the identity, so
 * the output layer's "output" is its logits), the test changes the variant's columns element by element in plain
 * Java, and DL4J runs layers L+1..last on the result ({@code activateSelectedLayers}, or the last layer's own
 * {@code activate} when only it is left, since {@code activateSelectedLayers} needs from &lt; to). The unit means
 * are summed here in double over the whole test set, and each unit's noise for the whole test set is drawn up
 * front and then cut into chunks, so a sweep that consumed it chunk by chunk in another order would disagree.
 */
final class OracleMethodSweep {

    private OracleMethodSweep() {
    }

    static List<Scores> run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants) {
        return run(network, data, layer, method, variants, data.testSize());
    }

    static List<Scores> run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants,
            int chunkRows) {
        return run(network, network, data, layer, method, variants, chunkRows);
    }

    /** The same, with {@code mean} putting in the unit means of {@code meansOf} (a network of the same layers). */
    static List<Scores> run(Network network, Network meansOf, Dataset data, int layer, Ablation method,
            List<int[]> variants, int chunkRows) {
        return run(network, meansOf, data, layer, method, variants, chunkRows, null);
    }

    /**
     * The same, also adding to {@code logitsOut} (when not null) each variant's logits for the whole test set,
     * row-major [image][class], so that a test can see how close a disagreeing image's logits were.
     */
    static List<Scores> run(Network network, Network meansOf, Dataset data, int layer, Ablation method,
            List<int[]> variants, int chunkRows, List<float[]> logitsOut) {
        MultiLayerNetwork net = Dl4jLogits.identityOutputCopy(network.dl4j());
        MultiLayerNetwork meansNet = meansOf == network ? net : Dl4jLogits.identityOutputCopy(meansOf.dl4j());
        int last = net.getnLayers() - 1;
        int[] labels = data.testLabels();
        int n = labels.length;
        List<int[]> chunks = Evaluator.chunks(n, chunkRows);
        List<INDArray> outputs = new ArrayList<>();
        for (int[] chunk : chunks) {
            // index 0 is the input, index L+1 the output of layer L
            outputs.add(net.feedForwardToLayer(layer, Evaluator.rows(data.testFeatures(), chunk), false)
                    .get(layer + 1).dup('c'));
        }
        List<INDArray> meansOutputs = new ArrayList<>();
        for (int[] chunk : chunks) {
            meansOutputs.add(meansNet.feedForwardToLayer(layer, Evaluator.rows(data.testFeatures(), chunk), false)
                    .get(layer + 1).dup('c'));
        }
        int units = (int) outputs.get(0).columns();
        float[] means = new float[units];
        for (int u = 0; u < units; u++) {
            double sum = 0;
            for (INDArray a : meansOutputs) {
                for (int r = 0; r < a.rows(); r++) {
                    sum += a.getFloat(r, u);
                }
            }
            means[u] = (float) (sum / n);
        }
        List<Scores> out = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            int[] variant = variants.get(v);
            float[][] noise = new float[variant.length][];
            if (method.kind() == Ablation.Kind.NOISE) {
                for (int i = 0; i < variant.length; i++) {
                    Random g = method.noiseGenerator(v, variant[i]);
                    noise[i] = new float[n];
                    for (int r = 0; r < n; r++) {
                        noise[i][r] = (float) (method.sigma() * g.nextGaussian());
                    }
                }
            }
            int[] predicted = new int[n];
            BitSet top5 = new BitSet(n);
            float[] all = new float[n * data.numClasses()];
            for (int c = 0; c < chunks.size(); c++) {
                INDArray a = outputs.get(c).dup('c');
                int from = chunks.get(c)[0];
                for (int i = 0; i < variant.length; i++) {
                    int u = variant[i];
                    for (int r = 0; r < a.rows(); r++) {
                        float value = switch (method.kind()) {
                            case MASK -> 0f;
                            case MEAN -> means[u];
                            case NOISE -> a.getFloat(r, u) + noise[i][from + r];
                            case ZERO -> throw new IllegalArgumentException("zero has its own oracle, OracleSweep");
                        };
                        a.putScalar(r, u, value);
                    }
                }
                INDArray logits;
                if (layer == last) {
                    logits = a;
                } else if (layer + 1 == last) {
                    logits = net.getLayer(last).activate(a, false, LayerWorkspaceMgr.noWorkspaces());
                } else {
                    logits = net.activateSelectedLayers(layer + 1, last, a);
                }
                Scorer.score(logits, labels, from, predicted, top5);
                float[] part = logits.dup('c').data().asFloat();
                System.arraycopy(part, 0, all, from * data.numClasses(), part.length);
            }
            if (logitsOut != null) {
                logitsOut.add(all);
            }
            out.add(new Scores(data.numClasses(), labels, predicted, top5));
        }
        return out;
    }
}
