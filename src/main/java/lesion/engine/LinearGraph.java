package lesion.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns a ComputationGraph that is a linear chain (one input, one output, every vertex read by exactly one other)
 * into the equivalent MultiLayerNetwork: the same layer configurations in the same order, with the graph's
 * parameters. Layer {@code i} of the result is the graph's {@code i}-th layer vertex in DL4J's topological order,
 * which is how {@link NetworkLayers} numbers a graph, so a study's layer indices mean the same layer in both.
 * Preprocessor vertices on the chain become the next layer's input preprocessor; any other vertex without a layer
 * (merge, element-wise, …) cannot be held by a MultiLayerNetwork and is refused.
 */
final class LinearGraph {
    private LinearGraph() {
    }

    /** Why a graph is not a chain, in words for the study's author. */
    static final class NotLinear extends Exception {
        NotLinear(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The chain as a MultiLayerNetwork that shares the graph's parameter array (no copy: a pretrained VGG-16 is
     * 550 MB). {@code what} names the model in messages.
     */
    static MultiLayerNetwork toMultiLayer(ComputationGraph graph, String what) throws NotLinear {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        List<String> chain = chain(conf, what);
        List<NeuralNetConfiguration> confs = new ArrayList<>();
        Map<Integer, InputPreProcessor> preprocessors = new HashMap<>();
        List<InputPreProcessor> pending = new ArrayList<>();
        List<String> layerNames = new ArrayList<>();
        for (String name : chain) {
            GraphVertex vertex = conf.getVertices().get(name);
            if (vertex instanceof PreprocessorVertex p) {
                pending.add(p.getPreProcessor().clone());
                continue;
            }
            LayerVertex lv = (LayerVertex) vertex;
            if (lv.getPreProcessor() != null) {
                pending.add(lv.getPreProcessor().clone());
            }
            if (!pending.isEmpty()) {
                preprocessors.put(confs.size(), pending.size() == 1 ? pending.get(0)
                        : new ComposableInputPreProcessor(pending.toArray(new InputPreProcessor[0])));
                pending.clear();
            }
            NeuralNetConfiguration layerConf = lv.getLayerConf().clone();
            // the graph names a layer by its vertex; keep that name, which the layer table shows
            layerConf.getLayer().setLayerName(name);
            confs.add(layerConf);
            layerNames.add(name);
        }
        if (!pending.isEmpty()) {
            throw new NotLinear(what + " ends in a preprocessor vertex, which a MultiLayerNetwork cannot hold");
        }
        MultiLayerConfiguration multi = new MultiLayerConfiguration.Builder()
                .confs(confs)
                .inputPreProcessors(preprocessors)
                .dataType(conf.getDataType())
                .trainingWorkspaceMode(conf.getTrainingWorkspaceMode())
                .inferenceWorkspaceMode(conf.getInferenceWorkspaceMode())
                .cacheMode(conf.getCacheMode())
                .backpropType(BackpropType.Standard)
                // a graph may end in a layer that a MultiLayerNetwork would not call an output layer
                .validateOutputLayerConfig(false)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(multi);
        INDArray params = graph.params();
        if (params != null && params.length() > 0) {
            // the graph lays its parameters out vertex by vertex in topological order, which on a chain is the
            // layer order of the MultiLayerNetwork; verified below, layer by layer
            net.init(params, false);
        } else {
            net.init();
        }
        for (int i = 0; i < layerNames.size(); i++) {
            INDArray mine = net.getLayer(i).params();
            INDArray theirs = graph.getLayer(layerNames.get(i)).params();
            boolean same = mine == null || mine.length() == 0 ? theirs == null || theirs.length() == 0
                    : theirs != null && mine.equals(theirs);
            if (!same) {
                throw new IllegalStateException("converting " + what + " to a MultiLayerNetwork misplaced the "
                        + "parameters of layer " + i + " (" + layerNames.get(i) + ")");
            }
        }
        return net;
    }

    /** The vertices from the input to the output, in order, without the input itself. */
    private static List<String> chain(ComputationGraphConfiguration conf, String what) throws NotLinear {
        List<String> inputs = conf.getNetworkInputs();
        List<String> outputs = conf.getNetworkOutputs();
        if (inputs.size() != 1) {
            throw new NotLinear("this version runs only linear graphs; " + what + " has " + inputs.size()
                    + " inputs (" + String.join(", ", inputs) + ")");
        }
        if (outputs.size() != 1) {
            throw new NotLinear("this version runs only linear graphs; " + what + " has " + outputs.size()
                    + " outputs (" + String.join(", ", outputs) + ")");
        }
        Map<String, List<String>> consumers = new LinkedHashMap<>();
        conf.getVertexInputs().forEach((vertex, ins) -> {
            for (String in : ins) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(vertex);
            }
        });
        List<String> chain = new ArrayList<>();
        String current = inputs.get(0);
        while (true) {
            List<String> next = consumers.getOrDefault(current, List.of());
            if (next.size() > 1) {
                throw new NotLinear("this version runs only linear graphs; " + what + " has a branch at vertex "
                        + current + " (read by " + String.join(", ", next) + ")");
            }
            if (next.isEmpty()) {
                break;
            }
            current = next.get(0);
            List<String> ins = conf.getVertexInputs().get(current);
            if (ins.size() != 1) {
                throw new NotLinear("this version runs only linear graphs; " + what + " joins branches at vertex "
                        + current + " (it reads " + String.join(", ", ins) + ")");
            }
            GraphVertex vertex = conf.getVertices().get(current);
            if (!(vertex instanceof LayerVertex) && !(vertex instanceof PreprocessorVertex)) {
                throw new NotLinear("this version runs only graphs of layers; " + what + " has vertex " + current
                        + " of type " + vertex.getClass().getSimpleName());
            }
            chain.add(current);
        }
        if (!current.equals(outputs.get(0))) {
            throw new NotLinear("this version runs only linear graphs; in " + what + " the chain from the input ends "
                    + "at vertex " + current + ", not at the output " + outputs.get(0));
        }
        if (chain.size() != conf.getVertices().size()) {
            throw new NotLinear("this version runs only linear graphs; " + what + " has vertices off the path from "
                    + "its input to its output");
        }
        return chain;
    }
}
