package lesion.engine;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Turns a network restored from a file into the {@link Network} a run uses, or says why this version cannot run
 * it: a linear graph becomes a MultiLayerNetwork ({@link LinearGraph}), its head a softmax output layer
 * ({@link SoftmaxHead}), a channels-last CNN one that takes flattened images ({@link ChannelsFirst}); what is left
 * must be a network {@link Network} supports. The layer table of a runnable model is read from the result, so check,
 * plan and run number its layers alike.
 */
final class RunnableForm {
    private RunnableForm() {
    }

    /** Why a model cannot run, in words for the study's author. */
    static final class NotRunnable extends Exception {
        NotRunnable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** {@code what} names the model in messages, as the study writes it ({@code file "x.zip"}). */
    static Network of(ModelReader.Restored restored, String what) throws NotRunnable {
        try {
            MultiLayerNetwork net = restored.net();
            if (net == null) {
                net = LinearGraph.toMultiLayer(restored.graph(), what);
            }
            net = SoftmaxHead.apply(net);
            net = ChannelsFirst.apply(net, restored.inputShape(), what);
            return new Network(net, what);
        } catch (LinearGraph.NotLinear | ChannelsFirst.Refused e) {
            throw new NotRunnable(e.getMessage());
        } catch (EngineException e) {
            throw new NotRunnable(e.getMessage());
        } catch (RuntimeException e) {
            // DL4J may reject a configuration it restored; that, too, is a reason not to run it
            throw new NotRunnable("DL4J could not prepare " + what + " for running: " + ModelReader.reason(e));
        }
    }
}
