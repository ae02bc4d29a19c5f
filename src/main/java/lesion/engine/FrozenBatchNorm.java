package lesion.engine;

import java.util.Collection;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A batch normalisation frozen for recovery: it runs as at inference, normalising with its running mean and variance
 * (which therefore do not change, nor do γ and β), and passes back the gradient of that inference-mode function.
 *
 * <p>DL4J's {@link FrozenLayerWithBackprop} already runs the layer at inference and zeroes its gradients, but it
 * passes back what the batch norm's own backward pass computes, which is the gradient of the training-mode function
 * (through the minibatch mean and variance), evaluated at the running statistics: wrong for every layer below. In
 * DL4J 1.0.0-M2.1 it does not even get that far: the backward pass reads the √(σ² + ε) that the inference-mode
 * forward pass left in a workspace closed since, and fails (FrozenBatchNormTest). Here the layer's output is
 * y = γ (x - μ) / √(σ² + ε) + β per channel with μ, σ² constant, so the gradient passed back is exactly
 * dL/dy · γ / √(σ² + ε), per channel, computed from the parameters alone.
 */
final class FrozenBatchNorm extends FrozenLayerWithBackprop {

    FrozenBatchNorm(BatchNormalization layer) {
        super(layer);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        org.deeplearning4j.nn.layers.FrozenLayerWithBackprop frozen =
                (org.deeplearning4j.nn.layers.FrozenLayerWithBackprop) super.instantiate(conf, trainingListeners,
                        layerIndex, layerParamsView, initializeParams, networkDataType);
        return new Impl(frozen.getInsideLayer());
    }

    /** The running layer: DL4J's frozen wrapper with the inference-mode backward pass. */
    static final class Impl extends org.deeplearning4j.nn.layers.FrozenLayerWithBackprop {

        Impl(org.deeplearning4j.nn.api.Layer batchNorm) {
            super(batchNorm);
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            BatchNormalization conf = (BatchNormalization) underlying.conf().getLayer();
            INDArray scale = std(conf).rdivi(1).reshape(conf.getNOut());
            if (conf.isLockGammaBeta()) {
                scale.muli(conf.getGamma());
            } else {
                scale.muli(underlying.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(conf.getNOut()));
            }
            int channelAxis = epsilon.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
            INDArray back = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(),
                    epsilon.shape(), epsilon.ordering());
            Nd4j.getExecutioner().exec(new BroadcastMulOp(epsilon, scale.castTo(epsilon.dataType()), back,
                    channelAxis));
            INDArray gradients = underlying.getGradientsViewArray();
            if (gradients != null) {
                // nothing wrote them, but the updater must see zeros
                gradients.assign(0);
            }
            return new Pair<>(new DefaultGradient(gradients), back);
        }

        /** √(σ² + ε) as DL4J's inference-mode forward pass computes it, from the variance or its log10 std. */
        private INDArray std(BatchNormalization conf) {
            INDArray var;
            if (conf.isUseLogStd()) {
                INDArray log10s = underlying.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
                var = Transforms.pow(Nd4j.valueArrayOf(log10s.shape(), 10.0, log10s.dataType()), log10s);
                var.muli(var);
            } else {
                var = underlying.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            }
            return Transforms.sqrt(var.add(conf.getEps()));
        }
    }
}
