package lesion.engine;

import static lesion.engine.NpzFiles.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lesion.engine.NpzFiles.Array;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code weights "w.npz"}: a network exported in torch's names and layouts and loaded into a differently seeded
 * network of the same architecture computes exactly what the source computed; and the loaded arrays mean what they
 * mean in PyTorch (checked against a forward pass written here from torch's definitions).
 */
class NpzWeightsTest {

    @TempDir
    Path tmp;

    private static final TrainSpec TRAIN = TrainSpec.adam(1, 64, 0.005, 3);

    @Test
    void anMlpLoadedFromItsTorchExportPredictsExactlyAsTheSource() throws IOException {
        MlpSpec spec = TestData.mlp("relu", true, 784, 20, 10);
        Network source = TestData.trained(spec, TRAIN).trained();
        Map<String, Array> arrays = TorchExport.of(source);
        assertEquals(List.of("hidden1.weight", "hidden1.bias", "output.weight", "output.bias"),
                List.copyOf(arrays.keySet()));
        assertArrayEquals(shape(20, 784), arrays.get("hidden1.weight").shape(), "torch's [out, in]");

        Network fresh = Trainer.untrained(spec, 99);
        Dataset data = TestData.small();
        assertNotEquals(source.evaluate(data), fresh.evaluate(data), "before loading, the networks differ");
        NpzWeights.read(NpzFiles.write(tmp.resolve("mlp.npz"), arrays)).copyInto(fresh);

        assertEquals(source.paramsSha256(), fresh.paramsSha256(), "bit-identical parameters");
        assertArrayEquals(logits(source, data), logits(fresh, data));
        assertEquals(source.evaluate(data), fresh.evaluate(data));
    }

    @Test
    void float64AndFortranOrderLoadTheSameNetwork() throws IOException {
        MlpSpec spec = TestData.mlp("tanh", false, 784, 12, 10);
        Network source = Trainer.untrained(spec, 5);
        Map<String, Array> f64 = new LinkedHashMap<>();
        TorchExport.of(source).forEach((name, a) -> f64.put(name, a.as(">f8", true)));
        assertEquals(List.of("hidden1.weight", "output.weight"), List.copyOf(f64.keySet()), "nobias: no biases");
        Network fresh = Trainer.untrained(spec, 6);
        NpzWeights.read(NpzFiles.write(tmp.resolve("f64.npz"), f64)).copyInto(fresh);
        assertEquals(source.paramsSha256(), fresh.paramsSha256());
    }

    @Test
    void aTrainedVggWithBatchNormLoadedFromItsTorchExportPredictsAsTheSource() throws IOException {
        Dataset few = TestData.mnist().limit(64, 50);
        Network source = new Trainer().train(TestData.tinyVgg(), TrainSpec.adam(1, 32, 0.003, 8), few).trained();
        Map<String, Array> arrays = TorchExport.of(source);
        // 16 convolutions (weight, bias), 16 batch norms (4 arrays and num_batches_tracked), 3 dense (weight, bias)
        assertEquals(16 * 2 + 16 * 5 + 3 * 2, arrays.size());
        assertArrayEquals(shape(8, 4, 3, 3), arrays.get("features.7.weight").shape());
        assertArrayEquals(shape(256, 32), arrays.get("classifier.0.weight").shape());
        double var = arrays.get("features.1.running_var").values()[0];
        assertTrue(var != 1.0, "training moved the running variance off its start: " + var);

        Network fresh = Trainer.untrained(TestData.tinyVgg(), 123);
        NpzWeights.read(NpzFiles.write(tmp.resolve("vgg.npz"), arrays)).copyInto(fresh);
        for (String key : source.dl4j().paramTable().keySet()) {
            float[] expected = source.dl4j().getParam(key).dup().data().asFloat();
            float[] actual = fresh.dl4j().getParam(key).dup().data().asFloat();
            if (key.endsWith("_log10stdev")) {
                // DL4J's log10(std) -> torch's float32 variance -> log10(std): back within float rounding
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 4 * Math.ulp(Math.max(1f, Math.abs(expected[i]))), key);
                }
            } else {
                assertArrayEquals(expected, actual, key);
            }
        }
        float[] expected = logits(source, few);
        float[] actual = logits(fresh, few);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "logit " + i);
        }
        assertEquals(source.evaluate(few), fresh.evaluate(few), "the same predictions");
    }

    @Test
    void aBatchNormThatKeepsItsVarianceGetsTheVarianceAsIs() throws IOException {
        Network source = new Network(convNetWithPlainVariance(1));
        source.dl4j().getParam("1_var").assign(Nd4j.createFromArray(0.25f, 4f, 1e-3f, 9f).reshape(1, 4));
        Network fresh = new Network(convNetWithPlainVariance(2));
        assertNotEquals(source.paramsSha256(), fresh.paramsSha256());
        NpzWeights.read(NpzFiles.write(tmp.resolve("plain.npz"), TorchExport.of(source))).copyInto(fresh);
        assertEquals(source.paramsSha256(), fresh.paramsSha256());
        assertArrayEquals(new float[] {0.25f, 4f, 1e-3f, 9f}, fresh.dl4j().getParam("1_var").dup().data().asFloat());
    }

    /** Conv (4 filters), batch norm storing its variance as DL4J did before 1.0.0-beta4, pool, softmax output. */
    private static MultiLayerNetwork convNetWithPlainVariance(long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).build())
                .layer(new OutputLayer.Builder().nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(6, 6, 1))
                .build());
        net.init();
        return net;
    }

    @Test
    void mlpArraysMeanWhatTheyMeanInTorch() throws IOException {
        MlpSpec spec = TestData.mlp("relu", true, 784, 5, 3);
        Map<String, Array> arrays = randomArrays(Trainer.untrained(spec, 1), 11);
        Network net = Trainer.untrained(spec, 2);
        NpzWeights.read(NpzFiles.write(tmp.resolve("r.npz"), arrays)).copyInto(net);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 784);
        List<INDArray> acts = net.dl4j().feedForward(x, false);
        // torch: nn.Linear computes x W^T + b with W [out, in]
        double[][] hidden = relu(linear(rows(x), arrays.get("hidden1.weight"), arrays.get("hidden1.bias")));
        assertClose(hidden, rows(acts.get(1)), "hidden1");
        assertClose(softmax(linear(hidden, arrays.get("output.weight"), arrays.get("output.bias"))),
                rows(acts.get(2)), "output");
    }

    @Test
    void vggArraysMeanWhatTheyMeanInTorch() throws IOException {
        // 64x64 images end the features at 2x2, so the flattening before classifier.0 has rows and columns to order
        Vgg19Spec spec = new Vgg19Spec(true, 0.0625, 1, 64, 64, 10);
        Map<String, Array> arrays = randomArrays(Trainer.untrained(spec, 1), 12);
        Network net = Trainer.untrained(spec, 2);
        NpzWeights.read(NpzFiles.write(tmp.resolve("v.npz"), arrays)).copyInto(net);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 64 * 64);
        // activation of layer i is acts[i + 1]; acts[0] is the flattened input
        List<INDArray> acts = net.dl4j().feedForward(x, false);

        // features.0: conv 3x3, padding 1, torch's cross-correlation with weight [out, in, kh, kw]
        assertClose(conv3x3(x.reshape('c', 2, 1, 64, 64), arrays.get("features.0.weight"),
                arrays.get("features.0.bias")), acts.get(1), "features.0");
        // features.1: batch norm in eval mode, eps 1e-5; DL4J's relu (features.2) overwrites the batch norm's
        // activations in place, so the two are compared together
        assertClose(relu(batchNorm(acts.get(1), arrays, "features.1")), acts.get(3), "features.1 and .2");
        // features.3: a convolution with 4 input channels, so the in-channel axis is checked too
        assertClose(conv3x3(acts.get(3), arrays.get("features.3.weight"), arrays.get("features.3.bias")),
                acts.get(4), "features.3");
        // classifier.0 takes torch.flatten(avgpool output, 1): channel, then row, then column
        INDArray pooled = acts.get(54);
        assertArrayEquals(new long[] {2, 32, 2, 2}, pooled.shape());
        double[][] flat = new double[2][32 * 2 * 2];
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 32; c++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 2; w++) {
                        flat[n][c * 4 + h * 2 + w] = pooled.getDouble(n, c, h, w);
                    }
                }
            }
        }
        assertClose(relu(linear(flat, arrays.get("classifier.0.weight"), arrays.get("classifier.0.bias"))),
                rows(acts.get(56)), "classifier.0 and .1");
        assertClose(softmax(linear(rows(acts.get(60)), arrays.get("classifier.6.weight"),
                arrays.get("classifier.6.bias"))), rows(acts.get(61)), "classifier.6");
    }

    /** Every array of the network's torch export replaced by seeded random values (variances positive). */
    static Map<String, Array> randomArrays(Network shapeFrom, long seed) {
        Random rng = new Random(seed);
        Map<String, Array> out = new LinkedHashMap<>();
        TorchExport.of(shapeFrom).forEach((name, a) -> {
            double[] v = new double[a.values().length];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("running_var") ? 0.5 + rng.nextDouble() * 2 : rng.nextGaussian() * 0.3;
            }
            out.put(name, new Array(a.descr(), false, a.shape(), v));
        });
        return out;
    }

    private static float[] logits(Network net, Dataset data) {
        return Dl4jLogits.of(net.dl4j(), data.testFeatures()).data().asFloat();
    }

    private static double[][] rows(INDArray m) {
        double[][] out = new double[(int) m.rows()][(int) m.columns()];
        for (int r = 0; r < out.length; r++) {
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = m.getDouble(r, c);
            }
        }
        return out;
    }

    private static double[][] linear(double[][] x, Array weight, Array bias) {
        int out = (int) weight.shape()[0];
        int in = (int) weight.shape()[1];
        double[][] y = new double[x.length][out];
        for (int n = 0; n < x.length; n++) {
            for (int j = 0; j < out; j++) {
                double s = bias.values()[j];
                for (int i = 0; i < in; i++) {
                    s += weight.values()[j * in + i] * x[n][i];
                }
                y[n][j] = s;
            }
        }
        return y;
    }

    private static double[][] relu(double[][] x) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            y[n] = x[n].clone();
            for (int j = 0; j < y[n].length; j++) {
                y[n][j] = Math.max(0, y[n][j]);
            }
        }
        return y;
    }

    private static double[][][][] relu(double[][][][] x) {
        for (double[][][] sample : x) {
            for (double[][] channel : sample) {
                for (double[] row : channel) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Math.max(0, row[i]);
                    }
                }
            }
        }
        return x;
    }

    private static double[][] softmax(double[][] x) {
        double[][] y = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x[n]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            y[n] = new double[x[n].length];
            for (int j = 0; j < y[n].length; j++) {
                y[n][j] = Math.exp(x[n][j] - max);
                sum += y[n][j];
            }
            for (int j = 0; j < y[n].length; j++) {
                y[n][j] /= sum;
            }
        }
        return y;
    }

    /** torch.nn.functional.conv2d(x, weight, bias, padding=1) for 3x3 kernels, x [N, C, H, W]. */
    private static double[][][][] conv3x3(INDArray x, Array weight, Array bias) {
        int n = (int) x.size(0);
        int in = (int) x.size(1);
        int h = (int) x.size(2);
        int w = (int) x.size(3);
        int out = (int) weight.shape()[0];
        double[] k = weight.values();
        double[][][][] y = new double[n][out][h][w];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        double sum = bias.values()[o];
                        for (int i = 0; i < in; i++) {
                            for (int kr = 0; kr < 3; kr++) {
                                for (int kc = 0; kc < 3; kc++) {
                                    int rr = r + kr - 1;
                                    int cc = c + kc - 1;
                                    if (rr >= 0 && rr < h && cc >= 0 && cc < w) {
                                        sum += k[((o * in + i) * 3 + kr) * 3 + kc] * x.getDouble(s, i, rr, cc);
                                    }
                                }
                            }
                        }
                        y[s][o][r][c] = sum;
                    }
                }
            }
        }
        return y;
    }

    /** torch's BatchNorm2d in eval mode: weight * (x - running_mean) / sqrt(running_var + 1e-5) + bias. */
    private static double[][][][] batchNorm(INDArray x, Map<String, Array> arrays, String layer) {
        long[] s = x.shape();
        double[][][][] y = new double[(int) s[0]][(int) s[1]][(int) s[2]][(int) s[3]];
        for (int n = 0; n < s[0]; n++) {
            for (int c = 0; c < s[1]; c++) {
                double g = arrays.get(layer + ".weight").values()[c];
                double b = arrays.get(layer + ".bias").values()[c];
                double m = arrays.get(layer + ".running_mean").values()[c];
                double v = arrays.get(layer + ".running_var").values()[c];
                for (int r = 0; r < s[2]; r++) {
                    for (int q = 0; q < s[3]; q++) {
                        y[n][c][r][q] = g * (x.getDouble(n, c, r, q) - m) / Math.sqrt(v + 1e-5) + b;
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[][][][] expected, INDArray actual, String what) {
        assertArrayEquals(new long[] {expected.length, expected[0].length, expected[0][0].length,
                expected[0][0][0].length}, actual.shape(), what);
        double[][] e = new double[expected.length][];
        double[][] a = new double[expected.length][];
        for (int n = 0; n < expected.length; n++) {
            e[n] = Arrays.stream(expected[n]).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
            a[n] = actual.slice(n).dup('c').data().asDouble();
        }
        assertClose(e, a, what);
    }

    /** Equal up to float32 rounding, relative to the largest value. */
    private static void assertClose(double[][] expected, double[][] actual, String what) {
        double scale = 1e-12;
        for (double[] row : expected) {
            for (double v : row) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        assertEquals(expected.length, actual.length, what);
        for (int n = 0; n < expected.length; n++) {
            assertEquals(expected[n].length, actual[n].length, what);
            for (int j = 0; j < expected[n].length; j++) {
                assertEquals(expected[n][j], actual[n][j], 1e-5 * scale, what + " [" + n + "][" + j + "]");
            }
        }
    }
}
