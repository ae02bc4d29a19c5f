package lesion.engine;

import static lesion.engine.NpzFiles.shape;

import java.util.LinkedHashMap;
import java.util.Map;
import lesion.engine.NpzFiles.Array;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a researcher's export from PyTorch would hold for a network, made here from a DL4J network element by
 * element, independently of {@link NpzWeights}: dense weights transposed to [out, in] by index, convolution kernels
 * read as [out, in, kh, kw], batch-norm variances computed from DL4J's log10 standard deviations (float32, as torch
 * keeps them), and torch's int64 {@code num_batches_tracked} beside every batch norm.
 */
final class TorchExport {

    private TorchExport() {
    }

    static Map<String, Array> of(Network network) {
        MultiLayerNetwork net = network.dl4j();
        Map<String, Array> out = new LinkedHashMap<>();
        for (int i = 0; i < network.layerCount(); i++) {
            String name = network.layerName(i);
            Layer conf = net.getLayer(i).conf().getLayer();
            Map<String, INDArray> p = net.getLayer(i).paramTable();
            if (conf instanceof BatchNormalization) {
                out.put(name + ".weight", vector(p.get("gamma")));
                out.put(name + ".bias", vector(p.get("beta")));
                out.put(name + ".running_mean", vector(p.get("mean")));
                INDArray log10std = p.get("log10stdev");
                // a batch norm built with useLogStd(false) keeps the variance itself
                double[] var = log10std == null ? vector(p.get("var")).values() : new double[(int) log10std.length()];
                for (int c = 0; log10std != null && c < var.length; c++) {
                    double std = Math.pow(10, log10std.getDouble(c));
                    var[c] = std * std;
                }
                out.put(name + ".running_var", new Array("<f4", false, shape(var.length), var));
                out.put(name + ".num_batches_tracked", new Array("<i8", false, shape(), new double[] {100}));
                continue;
            }
            if (!p.containsKey("W")) {
                continue;
            }
            INDArray w = p.get("W");
            if (conf.getClass() == ConvolutionLayer.class) {
                long[] s = w.shape();
                double[] v = new double[(int) w.length()];
                int k = 0;
                for (int o = 0; o < s[0]; o++) {
                    for (int c = 0; c < s[1]; c++) {
                        for (int y = 0; y < s[2]; y++) {
                            for (int x = 0; x < s[3]; x++) {
                                v[k++] = w.getDouble(o, c, y, x);
                            }
                        }
                    }
                }
                out.put(name + ".weight", new Array("<f4", false, s, v));
            } else {
                // DL4J's dense W is [in, out]; torch's is [out, in]
                long in = w.size(0);
                long units = w.size(1);
                double[] v = new double[(int) w.length()];
                for (int j = 0; j < units; j++) {
                    for (int i2 = 0; i2 < in; i2++) {
                        v[(int) (j * in + i2)] = w.getDouble(i2, j);
                    }
                }
                out.put(name + ".weight", new Array("<f4", false, shape(units, in), v));
            }
            if (p.containsKey("b")) {
                out.put(name + ".bias", vector(p.get("b")));
            }
        }
        return out;
    }

    private static Array vector(INDArray a) {
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(i);
        }
        return new Array("<f4", false, shape(v.length), v);
    }
}
