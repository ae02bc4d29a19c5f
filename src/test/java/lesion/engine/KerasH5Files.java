package lesion.engine;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5T_STR_NULLPAD;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * Writes small Keras 2 models in the HDF5 layout {@code model.save("x.h5")} produces (model_config,
 * keras_version and backend on the root, one group per layer under model_weights holding
 * {@code <layer>/kernel:0} and {@code <layer>/bias:0}), so the Keras path is tested without Python.
 * Only dense layers: enough to tell Sequential from functional models and to count parameters.
 */
final class KerasH5Files {
    private KerasH5Files() {
    }

    /** A dense layer: its name, units and activation; {@code className} other than Dense tests unknown layers. */
    record Dense(String name, int units, String activation, String className) {
        Dense(String name, int units, String activation) {
            this(name, units, activation, "Dense");
        }
    }

    /** A Sequential model of dense layers on a flat input of {@code inputs} values. */
    static void sequential(Path file, int inputs, List<Dense> layers) {
        StringBuilder json = new StringBuilder("{\"class_name\":\"Sequential\",\"config\":{\"name\":\"sequential_1\","
                + "\"layers\":[");
        for (int i = 0; i < layers.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"class_name\":\"").append(layers.get(i).className())
                    .append("\",\"config\":")
                    .append(denseConfig(layers.get(i), i == 0 ? inputs : -1)).append('}');
        }
        json.append("]}}");
        write(file, json.toString(), inputs, layers);
    }

    /** A functional model (class "Model"): an InputLayer, then the dense layers in a chain. */
    static void functional(Path file, int inputs, List<Dense> layers) {
        StringBuilder json = new StringBuilder("{\"class_name\":\"Model\",\"config\":{\"name\":\"model_1\",\"layers\":["
                + "{\"name\":\"input_1\",\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":[null,"
                + inputs + "],\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"},\"inbound_nodes\":[]}");
        String previous = "input_1";
        for (Dense d : layers) {
            json.append(",{\"name\":\"").append(d.name()).append("\",\"class_name\":\"").append(d.className())
                    .append("\",\"config\":")
                    .append(denseConfig(d, -1)).append(",\"inbound_nodes\":[[[\"").append(previous)
                    .append("\",0,0,{}]]]}");
            previous = d.name();
        }
        json.append("],\"input_layers\":[[\"input_1\",0,0]],\"output_layers\":[[\"").append(previous)
                .append("\",0,0]]}}");
        write(file, json.toString(), inputs, layers);
    }

    /** Only the weights of a Sequential model, as {@code model.save_weights("x.h5")} leaves them: no model_config. */
    static void weightsOnly(Path file, int inputs, List<Dense> layers) {
        write(file, null, inputs, layers);
    }

    private static String denseConfig(Dense d, int inputs) {
        return String.format(Locale.ROOT, "{\"name\":\"%s\",\"trainable\":true,%s\"units\":%d,\"activation\":\"%s\","
                + "\"use_bias\":true,\"kernel_initializer\":{\"class_name\":\"VarianceScaling\",\"config\":"
                + "{\"scale\":1.0,\"mode\":\"fan_avg\",\"distribution\":\"uniform\",\"seed\":null}},"
                + "\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}},\"kernel_regularizer\":null,"
                + "\"bias_regularizer\":null,\"activity_regularizer\":null,\"kernel_constraint\":null,"
                + "\"bias_constraint\":null}", d.name(), inputs > 0 ? "\"batch_input_shape\":[null," + inputs + "],"
                + "\"dtype\":\"float32\"," : "", d.units(), d.activation());
    }

    private static void write(Path path, String modelConfig, int inputs, List<Dense> layers) {
        // DL4J reads model_config into a 2 KB buffer first; a longer attribute would overrun it
        if (modelConfig != null && modelConfig.length() >= 2048) {
            throw new IllegalArgumentException("model_config too long for a test fixture: " + modelConfig.length());
        }
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File file = new H5File(path.toString(), H5F_ACC_TRUNC());
            try {
                if (modelConfig != null) {
                    stringAttribute(file, "model_config", modelConfig);
                }
                stringAttribute(file, "keras_version", "2.2.4");
                stringAttribute(file, "backend", "tensorflow");
                Group weights = file.createGroup("model_weights");
                Random random = new Random(5);
                int in = inputs;
                for (Dense d : layers) {
                    Group outer = weights.createGroup(d.name());
                    stringArrayAttribute(outer, "weight_names", List.of(d.name() + "/kernel:0", d.name() + "/bias:0"));
                    Group inner = outer.createGroup(d.name());
                    dataset(inner, "kernel:0", new long[] {in, d.units()}, random);
                    dataset(inner, "bias:0", new long[] {d.units()}, random);
                    inner._close();
                    outer._close();
                    in = d.units();
                }
                weights._close();
            } finally {
                file._close();
            }
        }
    }

    private static void stringAttribute(H5Object where, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StrType type = new StrType(PredType.C_S1(), bytes.length);
        type.setStrpad(H5T_STR_NULLPAD);
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        Attribute a = where.createAttribute(name, type, scalar);
        a.write(type, new BytePointer(bytes));
        a._close();
    }

    private static void stringArrayAttribute(H5Object where, String name, List<String> values) {
        int width = values.stream().mapToInt(String::length).max().orElse(1);
        byte[] bytes = new byte[width * values.size()];
        for (int i = 0; i < values.size(); i++) {
            byte[] v = values.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(v, 0, bytes, i * width, v.length);
        }
        StrType type = new StrType(PredType.C_S1(), width);
        type.setStrpad(H5T_STR_NULLPAD);
        DataSpace space = new DataSpace(1, new long[] {values.size()});
        Attribute a = where.createAttribute(name, type, space);
        a.write(type, new BytePointer(bytes));
        a._close();
    }

    private static void dataset(Group group, String name, long[] dims, Random random) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextGaussian() * 0.1f;
        }
        DataSet ds = group.createDataSet(name, PredType.IEEE_F32LE(), new DataSpace(dims.length, dims));
        ds.write(new FloatPointer(values), PredType.NATIVE_FLOAT());
        ds._close();
    }

    static List<Dense> mnistDense() {
        List<Dense> layers = new ArrayList<>();
        layers.add(new Dense("dense_1", 8, "relu"));
        layers.add(new Dense("dense_2", 6, "relu"));
        layers.add(new Dense("dense_3", 10, "softmax"));
        return layers;
    }
}
