package lesion.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inference of 2-D convolutions through libnd4j's own {@code conv2d} op and of batch norms as two broadcast passes,
 * or folded into the convolution before them, on NCHW arrays or, for stretches of layers, channels-last ones; for
 * {@link LayerRunner}. DL4J 1.0.0-M2.1's convolution layer does not call them: it unfolds its input with im2col
 * into a permuted copy and multiplies in Java-side steps, which reaches 3-20 GFLOP/s here, and its oneDNN helper is
 * never enabled (it looks for libnd4j's environment under a class name M2.1 no longer has). The op itself runs on
 * oneDNN in the {@code -onednn} build of libnd4j (pom.xml), at 20-110 GFLOP/s on the same layers (README,
 * Benchmarks). DL4J's batch norm took longer than the convolution after it. The arithmetic is the same convolution and normalisation, summed in another order, so outputs equal
 * DL4J's to float rounding, not bit for bit; the tests hold the predictions to DL4J's (see {@code NearTies}).
 *
 * <p>Only the plain layers are taken: a {@link ConvolutionLayer} of exactly that class (not a subclass such as a
 * depthwise or separable convolution) and a {@link BatchNormalization} whose gamma and beta are parameters; any
 * other layer, or a wrapped one, returns null and DL4J runs it.
 */
final class FastLayers {

    private FastLayers() {
    }

    /** The layer's inference output for {@code x}, or null when DL4J must compute it. */
    static INDArray activate(Layer layer, INDArray x) {
        if (plainConvolution(layer)) {
            return convolution(layer, (ConvolutionLayer) layer.conf().getLayer(), x);
        }
        if (plainBatchNorm(layer)) {
            return batchNorm(layer, (BatchNormalization) layer.conf().getLayer(), x);
        }
        return null;
    }

    /** A convolution layer of exactly DL4J's class, not a subclass or a wrapper. */
    private static boolean plainConvolution(Layer layer) {
        return layer.conf().getLayer().getClass() == ConvolutionLayer.class
                && layer.getClass() == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class;
    }

    /** A batch norm of exactly DL4J's class whose gamma and beta are parameters. */
    private static boolean plainBatchNorm(Layer layer) {
        return layer.conf().getLayer() instanceof BatchNormalization bn && !bn.isLockGammaBeta()
                && layer.getClass() == org.deeplearning4j.nn.layers.normalization.BatchNormalization.class;
    }

    /**
     * Layer {@code conv} (a convolution) and layer {@code bn} (the batch norm right after it) in one convolution
     * whose weights and bias carry the normalisation: W'[o] = W[o]·scale[o], b' = b·scale + shift. Null when either
     * is not one {@link #activate} computes, or the convolution has an activation other than the identity (the
     * batch norm would have to come after it).
     */
    static INDArray convolutionWithBatchNorm(Layer conv, Layer bn, INDArray x) {
        return convolutionWithBatchNorm(conv, bn, x, false);
    }

    /** The same on an NHWC array when {@code channelsLast} (see {@link #runsChannelsLast}). */
    static INDArray convolutionWithBatchNorm(Layer conv, Layer bn, INDArray x, boolean channelsLast) {
        if (!plainConvolution(conv) || !plainBatchNorm(bn)) {
            return null;
        }
        ConvolutionLayer c = (ConvolutionLayer) conv.conf().getLayer();
        BatchNormalization norm = (BatchNormalization) bn.conf().getLayer();
        if (!(c.getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationIdentity)
                || c.getCnn2dDataFormat() != CNN2DFormat.NCHW || norm.getCnn2DFormat() != CNN2DFormat.NCHW) {
            return null;
        }
        INDArray[] scaleShift = scaleAndShift(bn, norm);
        INDArray w = conv.getParam("W");
        INDArray folded = w.reshape('c', w.size(0), -1).mulColumnVector(scaleShift[0]).reshape('c', w.shape());
        INDArray bias = c.hasBias() ? conv.getParam("b").reshape(-1).mul(scaleShift[0]).addi(scaleShift[1])
                : scaleShift[1];
        return convolve(c, x, folded, bias, channelsLast);
    }

    private static INDArray convolution(Layer layer, ConvolutionLayer conf, INDArray x) {
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW) {
            return null;
        }
        return convolution(layer, conf, x, false);
    }

    private static INDArray convolution(Layer layer, ConvolutionLayer conf, INDArray x, boolean channelsLast) {
        INDArray z = convolve(conf, x, layer.getParam("W"), conf.hasBias() ? layer.getParam("b").reshape(-1) : null,
                channelsLast);
        return ((BaseLayer) conf).getActivationFn().getActivation(z, false);
    }

    /**
     * The conv2d op on {@code x} (NCHW, or NHWC when {@code channelsLast}) with weights [out, in, kh, kw] and
     * {@code bias} (or null).
     */
    private static INDArray convolve(ConvolutionLayer conf, INDArray x, INDArray w, INDArray bias,
            boolean channelsLast) {
        int[] k = conf.getKernelSize();
        int[] s = conf.getStride();
        int[] p = conf.getPadding();
        int[] d = conf.getDilation();
        PaddingMode mode = conf.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME
                : conf.getConvolutionMode() == ConvolutionMode.Causal ? PaddingMode.CAUSAL : PaddingMode.VALID;
        Conv2DConfig config = Conv2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(mode).dataFormat(channelsLast ? "NHWC" : "NCHW")
                .weightsFormat(WeightsFormat.OIYX).build();
        INDArray[] inputs = bias != null ? new INDArray[] {x, w, bias} : new INDArray[] {x, w};
        return Nd4j.exec(new Conv2D(inputs, null, config))[0];
    }

    /**
     * y = x·scale + shift per channel, with scale = γ / √(σ² + ε) and shift = β − μ·scale, as DL4J's inference
     * computes it (in its log-std form it keeps s = log10 √(σ² + ε) and divides by √(10^2s + ε)): two broadcast
     * passes over x into a new array.
     */
    private static INDArray batchNorm(Layer layer, BatchNormalization conf, INDArray x) {
        return batchNorm(layer, conf, x, x.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1);
    }

    private static INDArray batchNorm(Layer layer, BatchNormalization conf, INDArray x, int axis) {
        INDArray[] scaleShift = scaleAndShift(layer, conf);
        INDArray y = x.ulike();
        Nd4j.getExecutioner().exec(new BroadcastMulOp(x, scaleShift[0], y, axis));
        Nd4j.getExecutioner().exec(new BroadcastAddOp(y, scaleShift[1], y, axis));
        return y; // DL4J's batch norm applies no activation, whatever its configuration inherited
    }

    /**
     * Whether {@code layer} can run on channels-last (NHWC) arrays through {@link #activateChannelsLast}: a plain
     * convolution or batch norm as in {@link #activate}, configured for NCHW (its arrays are permuted around a
     * stretch of such layers), an activation layer, or max pooling. oneDNN's convolutions are up to 2.7 times as fast
     * on NHWC arrays when the layer has few channels (8 at 28x28: 59 against 22 GFLOP/s).
     */
    static boolean runsChannelsLast(Layer layer) {
        Object conf = layer.conf().getLayer();
        if (plainConvolution(layer)) {
            return ((ConvolutionLayer) conf).getCnn2dDataFormat() == CNN2DFormat.NCHW;
        }
        if (plainBatchNorm(layer)) {
            return ((BatchNormalization) conf).getCnn2DFormat() == CNN2DFormat.NCHW;
        }
        if (conf.getClass() == ActivationLayer.class) {
            return layer.getClass() == org.deeplearning4j.nn.layers.ActivationLayer.class;
        }
        if (conf.getClass() == SubsamplingLayer.class) {
            SubsamplingLayer pool = (SubsamplingLayer) conf;
            return layer.getClass() == org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class
                    && pool.getPoolingType() == PoolingType.MAX && pool.getCnn2dDataFormat() == CNN2DFormat.NCHW;
        }
        return false;
    }

    /** Whether {@code layer} is a convolution {@link #runsChannelsLast} takes. */
    static boolean isConvolution(Layer layer) {
        return plainConvolution(layer) && runsChannelsLast(layer);
    }

    /** The inference output of a layer {@link #runsChannelsLast} takes, for the NHWC array {@code x}. */
    static INDArray activateChannelsLast(Layer layer, INDArray x) {
        Object conf = layer.conf().getLayer();
        if (conf instanceof ConvolutionLayer conv) {
            return convolution(layer, conv, x, true);
        }
        if (conf instanceof BatchNormalization bn) {
            return batchNorm(layer, bn, x, 3);
        }
        if (conf instanceof ActivationLayer act) {
            return act.getActivationFn().getActivation(x, false);
        }
        SubsamplingLayer pool = (SubsamplingLayer) conf;
        int[] k = pool.getKernelSize();
        int[] s = pool.getStride();
        int[] p = pool.getPadding();
        int[] d = pool.getDilation();
        PaddingMode mode = pool.getConvolutionMode() == ConvolutionMode.Same ? PaddingMode.SAME : PaddingMode.VALID;
        Pooling2DConfig config = Pooling2DConfig.builder().kH(k[0]).kW(k[1]).sH(s[0]).sW(s[1]).pH(p[0]).pW(p[1])
                .dH(d[0]).dW(d[1]).paddingMode(mode).type(Pooling2D.Pooling2DType.MAX).isNHWC(true).build();
        return Nd4j.exec(new MaxPooling2D(x, null, config))[0];
    }

    /** The batch norm's per-channel scale γ / √(σ² + ε) and shift β − μ·scale, as DL4J's inference has them. */
    private static INDArray[] scaleAndShift(Layer layer, BatchNormalization conf) {
        INDArray std;
        if (conf.isUseLogStd()) {
            INDArray log10Std = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).reshape(-1);
            INDArray kept = Transforms.pow(Nd4j.valueArrayOf(log10Std.shape(), 10.0, log10Std.dataType()), log10Std,
                    false);
            // DL4J's inference adds ε again to the variance this standard deviation stands for
            std = Transforms.sqrt(kept.mul(kept).addi(conf.getEps()), false);
        } else {
            std = Transforms.sqrt(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(-1)
                    .add(conf.getEps()), false);
        }
        INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(-1);
        INDArray gamma = layer.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(-1);
        INDArray beta = layer.getParam(BatchNormalizationParamInitializer.BETA).reshape(-1);
        INDArray scale = gamma.div(std);
        return new INDArray[] {scale, beta.sub(mean.mul(scale))};
    }
}
