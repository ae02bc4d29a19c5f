package lesion.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A layer of a recovering network ({@link RecoveryNet}) wrapped so that its output holds a {@code mean} or
 * {@code noise} ablation ({@link Damage}): the last layer of the ablated units' block, whose output channels (dense
 * units) of those units are, after the layer has run, set to their held means (each position its own) or given
 * noise, σ·g per element with g standard normal, drawn row by row from the hold's generator on every forward pass.
 * The gradient passed back is the incoming one, except that a channel held at its mean is constant, so its gradient
 * is 0. The wrapped layer keeps its parameters, updater and everything else; the wrapper has none of its own.
 */
final class HeldOutputs extends BaseWrapperLayer {

    /**
     * What is held: at layer {@code blockEnd}, channels {@code units}; {@code means} (mean; null for noise) has the
     * same number of entries per unit of the layer, unit u's u-th in order; {@code noise} draws noise of
     * {@code sigma}.
     */
    record Hold(int blockEnd, int[] units, float[] means, double sigma, Random noise) {
    }

    private final transient Hold hold;

    HeldOutputs(Layer underlying, Hold hold) {
        super(underlying);
        this.hold = hold;
    }

    @Override
    public Layer clone() {
        HeldOutputs copy = (HeldOutputs) super.clone();
        copy.underlying = underlying.clone();
        return copy;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        NeuralNetConfiguration inner = conf.clone();
        inner.setLayer(underlying);
        return new Impl(underlying.instantiate(inner, trainingListeners, layerIndex, layerParamsView,
                initializeParams, networkDataType), hold);
    }

    @Override
    public org.nd4j.linalg.learning.config.IUpdater getUpdaterByParam(String paramName) {
        return underlying.getUpdaterByParam(paramName);
    }

    /** The running layer: the wrapped layer, then the hold. */
    static final class Impl extends org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer {
        private final Hold hold;

        Impl(org.deeplearning4j.nn.api.Layer underlying, Hold hold) {
            super(underlying);
            this.hold = hold;
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            return held(underlying.activate(training, workspaceMgr), workspaceMgr);
        }

        @Override
        public INDArray activate(INDArray input, boolean training, LayerWorkspaceMgr workspaceMgr) {
            return held(underlying.activate(input, training, workspaceMgr), workspaceMgr);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            if (hold.means() == null) {
                return underlying.backpropGradient(epsilon, workspaceMgr); // d(x + noise)/dx = 1
            }
            INDArray eps = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon, 'c');
            INDArray view = units(eps);
            for (int u : hold.units()) {
                view.get(NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.all()).assign(0);
            }
            return underlying.backpropGradient(eps, workspaceMgr);
        }

        /** A copy of the layer's output with the held units set (mean) or perturbed (noise), row-major. */
        private INDArray held(INDArray output, LayerWorkspaceMgr workspaceMgr) {
            INDArray out = workspaceMgr.dup(ArrayType.ACTIVATIONS, output, 'c');
            INDArray view = units(out);
            long rows = view.size(0);
            long per = view.size(2);
            for (int u : hold.units()) {
                INDArray slice = view.get(NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.all());
                if (hold.means() != null) {
                    float[] mean = Arrays.copyOfRange(hold.means(), (int) (u * per), (int) ((u + 1) * per));
                    slice.assign(0).addiRowVector(Nd4j.createFromArray(mean).castTo(out.dataType()));
                } else {
                    float[] add = new float[(int) (rows * per)];
                    for (int k = 0; k < add.length; k++) {
                        add[k] = (float) (hold.sigma() * hold.noise().nextGaussian());
                    }
                    slice.addi(Nd4j.createFromArray(add).castTo(out.dataType()).reshape('c', rows, per));
                }
            }
            return out;
        }

        /** A c-ordered array seen as [rows, units, features per unit]. */
        private static INDArray units(INDArray a) {
            long rows = a.size(0);
            long units = a.size(1);
            return a.reshape('c', rows, units, a.length() / rows / units);
        }
    }
}
