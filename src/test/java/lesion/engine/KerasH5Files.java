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
 * Dense, Conv2D (channels last, as Keras saves by default), MaxPooling2D, Flatten and Dropout layers, and
 * optionally the {@code training_config} that {@code model.compile(…)} adds (DL4J then appends a loss layer).
 */
final class KerasH5Files {
    private KerasH5Files() {
    }

    /** A Keras layer of the fixtures: its class, its config (without name) and the shapes of its weights. */
    sealed interface KLayer permits Dense, Conv, MaxPool, Flatten, Dropout, Activation {
        String name();

        String className();

        /** The config's fields after "name", for a layer whose input is {@code in} (e.g. {h, w, c} or {n}). */
        String config(int[] in);

        /** The output shape for input shape {@code in}. */
        int[] out(int[] in);

        /** Shapes of kernel:0 and bias:0, or none. */
        default long[][] weights(int[] in) {
            return new long[0][];
        }
    }

    /** A dense layer: its name, units and activation; {@code className} other than Dense tests unknown layers. */
    record Dense(String name, int units, String activation, String className) implements KLayer {
        Dense(String name, int units, String activation) {
            this(name, units, activation, "Dense");
        }

        public String config(int[] in) {
            return String.format(Locale.ROOT, "\"units\":%d,\"activation\":\"%s\",\"use_bias\":true,%s", units,
                    activation, INITIALIZERS);
        }

        public int[] out(int[] in) {
            return new int[] {units};
        }

        public long[][] weights(int[] in) {
            return new long[][] {{in[0], units}, {units}};
        }
    }

    /** A Conv2D with a square kernel, stride 1, valid padding, channels last. */
    record Conv(String name, int filters, int kernel, String activation) implements KLayer {
        public String className() {
            return "Conv2D";
        }

        public String config(int[] in) {
            return String.format(Locale.ROOT, "\"filters\":%d,\"kernel_size\":[%d,%d],\"strides\":[1,1],"
                    + "\"padding\":\"valid\",\"data_format\":\"channels_last\",\"dilation_rate\":[1,1],"
                    + "\"activation\":\"%s\",\"use_bias\":true,%s", filters, kernel, kernel, activation, INITIALIZERS);
        }

        public int[] out(int[] in) {
            return new int[] {in[0] - kernel + 1, in[1] - kernel + 1, filters};
        }

        public long[][] weights(int[] in) {
            return new long[][] {{kernel, kernel, in[2], filters}, {filters}};
        }
    }

    /** MaxPooling2D 2×2, stride 2, channels last. */
    record MaxPool(String name) implements KLayer {
        public String className() {
            return "MaxPooling2D";
        }

        public String config(int[] in) {
            return "\"pool_size\":[2,2],\"padding\":\"valid\",\"strides\":[2,2],\"data_format\":\"channels_last\"";
        }

        public int[] out(int[] in) {
            return new int[] {in[0] / 2, in[1] / 2, in[2]};
        }
    }

    /** Flatten, channels last: the order Keras flattens in is height, width, channel. */
    record Flatten(String name) implements KLayer {
        public String className() {
            return "Flatten";
        }

        public String config(int[] in) {
            return "\"data_format\":\"channels_last\"";
        }

        public int[] out(int[] in) {
            int n = 1;
            for (int d : in) {
                n *= d;
            }
            return new int[] {n};
        }
    }

    /** Dropout (inactive at inference). */
    record Dropout(String name, double rate) implements KLayer {
        public String className() {
            return "Dropout";
        }

        public String config(int[] in) {
            return String.format(Locale.ROOT, "\"rate\":%s,\"noise_shape\":null,\"seed\":null", rate);
        }

        public int[] out(int[] in) {
            return in;
        }
    }

    /** An Activation layer, e.g. the softmax of {@code Dense(10), Activation("softmax")}. */
    record Activation(String name, String activation) implements KLayer {
        public String className() {
            return "Activation";
        }

        public String config(int[] in) {
            return "\"activation\":\"" + activation + "\"";
        }

        public int[] out(int[] in) {
            return in;
        }
    }

    // short initializers keep model_config under the 2 KB that DL4J's reader handles; the weights are loaded anyway
    private static final String INITIALIZERS = "\"kernel_initializer\":{\"class_name\":\"Zeros\",\"config\":{}},"
            + "\"bias_initializer\":{\"class_name\":\"Zeros\",\"config\":{}}";

    /** What {@code model.compile(loss="categorical_crossentropy", optimizer="adam")} stores. */
    static final String TRAINING_CONFIG = "{\"optimizer_config\":{\"class_name\":\"Adam\",\"config\":{\"lr\":0.001,"
            + "\"beta_1\":0.9,\"beta_2\":0.999,\"decay\":0.0,\"epsilon\":1e-07,\"amsgrad\":false}},"
            + "\"loss\":\"categorical_crossentropy\",\"metrics\":[\"accuracy\"],\"sample_weight_mode\":null,"
            + "\"loss_weights\":null}";

    /** A Sequential model of dense layers on a flat input of {@code inputs} values. */
    static void sequential(Path file, int inputs, List<? extends KLayer> layers) {
        sequential(file, new int[] {inputs}, layers, null);
    }

    /**
     * A Sequential model on input of shape {@code input} ({n} or {height, width, channels}), with the given
     * {@code training_config} (null for an uncompiled model).
     */
    static void sequential(Path file, int[] input, List<? extends KLayer> layers, String trainingConfig) {
        StringBuilder json = new StringBuilder("{\"class_name\":\"Sequential\",\"config\":{\"name\":\"s\","
                + "\"layers\":[");
        int[] shape = input;
        for (int i = 0; i < layers.size(); i++) {
            KLayer l = layers.get(i);
            json.append(i == 0 ? "" : ",").append("{\"class_name\":\"").append(l.className())
                    .append("\",\"config\":{\"name\":\"").append(l.name()).append("\",")
                    .append(i == 0 ? "\"batch_input_shape\":" + shapeJson(input) + ",\"dtype\":\"float32\"," : "")
                    .append(l.config(shape)).append("}}");
            shape = l.out(shape);
        }
        json.append("]}}");
        write(file, json.toString(), trainingConfig, input, layers);
    }

    /** A functional model (class "Model"): an InputLayer, then the dense layers in a chain. */
    static void functional(Path file, int inputs, List<? extends KLayer> layers) {
        functional(file, new int[] {inputs}, layers, null);
    }

    /** A functional model (class "Model") on input of shape {@code input}: an InputLayer, then the layers in a chain. */
    static void functional(Path file, int[] input, List<? extends KLayer> layers, String trainingConfig) {
        StringBuilder json = new StringBuilder("{\"class_name\":\"Model\",\"config\":{\"name\":\"m\",\"layers\":["
                + "{\"name\":\"input_1\",\"class_name\":\"InputLayer\",\"config\":{\"batch_input_shape\":"
                + shapeJson(input) + ",\"dtype\":\"float32\",\"sparse\":false,\"name\":\"input_1\"},"
                + "\"inbound_nodes\":[]}");
        String previous = "input_1";
        int[] shape = input;
        for (KLayer l : layers) {
            json.append(",{\"name\":\"").append(l.name()).append("\",\"class_name\":\"").append(l.className())
                    .append("\",\"config\":{\"name\":\"").append(l.name()).append("\",").append(l.config(shape))
                    .append("},\"inbound_nodes\":[[[\"").append(previous).append("\",0,0,{}]]]}");
            previous = l.name();
            shape = l.out(shape);
        }
        json.append("],\"input_layers\":[[\"input_1\",0,0]],\"output_layers\":[[\"").append(previous)
                .append("\",0,0]]}}");
        write(file, json.toString(), trainingConfig, input, layers);
    }

    /** Only the weights of a Sequential model, as {@code model.save_weights("x.h5")} leaves them: no model_config. */
    static void weightsOnly(Path file, int inputs, List<? extends KLayer> layers) {
        write(file, null, null, new int[] {inputs}, layers);
    }

    private static String shapeJson(int[] shape) {
        StringBuilder sb = new StringBuilder("[null");
        for (int d : shape) {
            sb.append(',').append(d);
        }
        return sb.append(']').toString();
    }

    private static void write(Path path, String modelConfig, String trainingConfig, int[] input,
            List<? extends KLayer> layers) {
        // DL4J reads model_config into a 2 KB buffer first; a longer attribute would overrun it
        for (String attribute : new String[] {modelConfig, trainingConfig}) {
            if (attribute != null && attribute.length() >= 2048) {
                throw new IllegalArgumentException("attribute too long for a test fixture: " + attribute.length());
            }
        }
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            H5File file = new H5File(path.toString(), H5F_ACC_TRUNC());
            try {
                if (modelConfig != null) {
                    stringAttribute(file, "model_config", modelConfig);
                }
                if (trainingConfig != null) {
                    stringAttribute(file, "training_config", trainingConfig);
                }
                stringAttribute(file, "keras_version", "2.2.4");
                stringAttribute(file, "backend", "tensorflow");
                Group weights = file.createGroup("model_weights");
                Random random = new Random(5);
                int[] shape = input;
                for (KLayer l : layers) {
                    long[][] dims = l.weights(shape);
                    shape = l.out(shape);
                    if (dims.length == 0) {
                        // DL4J reads the weights of every group it finds; a layer without weights needs none
                        continue;
                    }
                    Group outer = weights.createGroup(l.name());
                    stringArrayAttribute(outer, "weight_names", List.of(l.name() + "/kernel:0", l.name() + "/bias:0"));
                    Group inner = outer.createGroup(l.name());
                    dataset(inner, "kernel:0", dims[0], random);
                    dataset(inner, "bias:0", dims[1], random);
                    inner._close();
                    outer._close();
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

    /** Conv2D 4 filters 3×3 relu, 2×2 max pool, flatten, dense 12 relu, dense 10 softmax. */
    static List<KLayer> smallCnn() {
        return List.of(new Conv("conv2d_1", 4, 3, "relu"), new MaxPool("max_pooling2d_1"), new Flatten("flatten_1"),
                new Dense("dense_1", 12, "relu"), new Dense("dense_2", 10, "softmax"));
    }

    static List<Dense> mnistDense() {
        List<Dense> layers = new ArrayList<>();
        layers.add(new Dense("dense_1", 8, "relu"));
        layers.add(new Dense("dense_2", 6, "relu"));
        layers.add(new Dense("dense_3", 10, "softmax"));
        return layers;
    }
}
