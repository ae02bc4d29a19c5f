package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import lesion.results.Scores;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The naive way to sweep ablations, as the paper did it and as the benchmark's yardstick for {@link UnitSweep}: for
 * each variant, set the units' incoming weights (a dense unit's column of W, a filter's slice W[u]) and biases of a
 * copy of the network to 0 ({@link ZeroedWeights}, method zero), run DL4J's whole forward pass {@code output} on the
 * test images in the network's own chunking ({@link Network#evaluationChunkRows}), score the logits
 * ({@link Scorer}), and put the saved weights back. The copy's output activation is the identity, so {@code output}
 * returns the logits; the caller's network is never modified. Every variant runs the full network, also the layers
 * before the ablated one, which is the work the sweep saves.
 */
public final class NaiveSweep {

    private final Cancellation cancellation;

    public NaiveSweep(Cancellation cancellation) {
        this.cancellation = cancellation;
    }

    /** A naive sweep that cannot be cancelled. */
    public NaiveSweep() {
        this(Cancellation.none());
    }

    /** One {@link Scores} per variant, in order: units (or filters) of layer {@code layer} zeroed. */
    public List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants) {
        network.checkLayer(layer);
        network.checkInput(data);
        for (int[] variant : variants) {
            Damage.checkUnits(network, layer, variant);
        }
        MultiLayerNetwork net = network.dl4j().clone();
        ((BaseLayer) net.getOutputLayer().conf().getLayer()).setActivationFn(new ActivationIdentity());
        // live views into the copy's parameters: zeroed for a variant, then restored from these saved values
        INDArray w = net.getParam(layer + "_W");
        INDArray b = network.hasBias(layer) ? net.getParam(layer + "_b") : null;
        INDArray savedW = w.dup();
        INDArray savedB = b == null ? null : b.dup();
        int[] labels = data.testLabels();
        List<int[]> chunks = Evaluator.chunks(labels.length, network.evaluationChunkRows());
        List<Scores> out = new ArrayList<>(variants.size());
        for (int[] variant : variants) {
            cancellation.check();
            try {
                // the caller's network has the same layers: it says which weights, the copy gets them zeroed
                ZeroedWeights.of(network, layer, variant, Ablation.ZERO).apply(net);
                int[] predicted = new int[labels.length];
                BitSet top5 = new BitSet(labels.length);
                for (int[] chunk : chunks) {
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
