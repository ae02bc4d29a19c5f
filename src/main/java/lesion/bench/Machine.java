package lesion.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lesion.engine.EngineInfo;
import lesion.engine.MatmulRate;
import lesion.engine.NativeBuild;

/**
 * The benchmark's header: what the figures were measured on (CPU, cores, Java, ND4J backend, BLAS, threads, which
 * native ND4J build is loaded) and the measured matrix-multiply rate that the other rates are compared with.
 */
final class Machine {

    private Machine() {
    }

    /** The CPU's model name from /proc/cpuinfo, or the OS architecture where there is none. */
    static String cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info)) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: the model is a nicety
        }
        return "unknown (" + System.getProperty("os.arch", "?") + ")";
    }

    static Report header(MatmulRate.Result rate) {
        Map<String, String> engine = EngineInfo.describe();
        Report r = new Report("machine")
                .add("cpu", cpuModel())
                .add("cores", Integer.toString(Runtime.getRuntime().availableProcessors()))
                .add("java", engine.get("java.version") + " (" + System.getProperty("java.vm.name", "?") + ")")
                .add("dl4j", engine.get("dl4j.version"))
                .add("nd4j backend", engine.get("nd4j.backend"))
                .add("blas vendor", engine.get("blas.vendor"))
                .add("OMP_NUM_THREADS", engine.get("omp_num_threads"))
                .add("threads", "nd4j " + engine.get("nd4j.threads") + ", blas " + engine.get("blas.threads"));
        for (Map.Entry<String, String> e : NativeBuild.describe().entrySet()) {
            r.add(e.getKey(), e.getValue());
        }
        return r.add("matmul rate", String.format(java.util.Locale.ROOT,
                "%.2f GFLOP/s (float32 %dx%d ND4J mmul, best of %d runs of ~0.5 s, %d nd4j / %d blas threads)",
                rate.gflops(), rate.size(), rate.size(), rate.runs(), rate.ndThreads(), rate.blasThreads()))
                .add("FLOPs", "matrix products only: dense 2*in*out, convolution 2*Cin*kh*kw*Cout*Hout*Wout per image;"
                        + " biases, batch norm, activations and pooling are not counted");
    }
}
