package lesion.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;

/** Versions and threading facts of the numeric engine, for the run manifest. */
public final class EngineInfo {

    private EngineInfo() {
    }

    /** Name to value, in a stable order; values that cannot be determined are "unknown". */
    public static Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dl4j.version", dl4jVersion());
        out.put("nd4j.backend", safe(() -> Nd4j.getBackend().getClass().getSimpleName()));
        out.put("nd4j.datatype", safe(() -> Nd4j.dataType().toString().toLowerCase(Locale.ROOT)));
        out.put("blas.vendor", safe(() -> Nd4j.factory().blas().getBlasVendor().toString().toLowerCase(Locale.ROOT)));
        out.put("blas.threads", safe(() -> Integer.toString(Nd4j.factory().blas().getMaxThreads())));
        out.put("nd4j.threads", safe(() -> Integer.toString(Nd4j.getEnvironment().maxThreads())));
        String omp = System.getenv("OMP_NUM_THREADS");
        out.put("omp_num_threads", omp == null || omp.isBlank() ? "unset" : omp.strip());
        out.put("eval.chunk_rows", Integer.toString(Evaluator.CHUNK_ROWS));
        out.put("eval.scores", "logits (pre-softmax), ties by lower class index");
        out.put("java.version", System.getProperty("java.version", "unknown"));
        out.put("os.arch", System.getProperty("os.arch", "unknown"));
        return out;
    }

    /** The DL4J version on the class path, from the jar's Maven metadata. */
    static String dl4jVersion() {
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException ignored) {
            // fall through to the manifest
        }
        String v = MultiLayerNetwork.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /** A query of the engine that may fail. */
    interface Probe {
        String get() throws Exception;
    }

    /** The probe's answer, or "unknown" when it fails or has none. */
    static String safe(Probe probe) {
        try {
            String v = probe.get();
            return v == null ? "unknown" : v;
        } catch (Exception | LinkageError e) {
            // a backend without the query (e.g. no BLAS) must not break the manifest
            return "unknown";
        }
    }
}
