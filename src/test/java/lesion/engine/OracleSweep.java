package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The plain way to ablate, as a reference for {@link UnitSweep}: really zero the weights column and bias of each
 * unit, run DL4J's {@code output} on the whole test set and score the logits, then restore the saved values. It
 * works on a copy of the network whose output activation is the identity ({@link Dl4jLogits}), so the caller's
 * network is never touched and DL4J, not {@link DenseStack}, computes the logits.
 */
final class OracleSweep {

    private OracleSweep() {
    }

    static List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants) {
        return run(network, data, layer, variants, data.testSize());
    }

    /** The same, running the network on chunks of {@code chunkRows} test images at a time. */
    static List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants, int chunkRows) {
        MultiLayerNetwork net = Dl4jLogits.identityOutputCopy(network.dl4j());
        // live views into the copy: writing into them changes it, restored after each variant
        INDArray w = net.getParam(layer + "_W");
        INDArray b = network.hasBias(layer) ? net.getParam(layer + "_b") : null;
        INDArray savedW = w.dup();
        INDArray savedB = b == null ? null : b.dup();
        int[] labels = data.testLabels();
        List<Scores> out = new ArrayList<>();
        for (int[] variant : variants) {
            try {
                for (int u : variant) {
                    w.getColumn(u).assign(0);
                    if (b != null) {
                        b.putScalar(u, 0);
                    }
                }
                int[] predicted = new int[labels.length];
                BitSet top5 = new BitSet(labels.length);
                for (int[] chunk : Evaluator.chunks(labels.length, chunkRows)) {
                    INDArray logits = net.output(Evaluator.rows(data.testFeatures(), chunk), false);
                    Scorer.score(logits, labels, chunk[0], predicted, top5);
                }
                out.add(new Scores(data.numClasses(), labels, predicted, top5));
            } finally {
                w.assign(savedW);
                if (b != null) {
                    b.assign(savedB);
                }
            }
        }
        return out;
    }
}
