package lesion.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lesion.engine.Cancellation;
import lesion.engine.Dataset;
import lesion.engine.MatmulRate;
import lesion.engine.MnistStore;

/**
 * Runs the named workloads in order: measures the matmul rate, prints the machine header, loads MNIST from the
 * cache, then prints each workload's figures to {@code out} as soon as it is done (progress goes to {@code log}).
 */
public final class Bench {

    /** The workloads by name, in their default order. */
    public static final Map<String, Workload> WORKLOADS = workloads();

    private final BenchSettings settings;
    private final Path cacheRoot;
    private final Cancellation cancellation;

    public Bench(BenchSettings settings, Path cacheRoot, Cancellation cancellation) {
        this.settings = settings;
        this.cacheRoot = cacheRoot;
        this.cancellation = cancellation;
    }

    private static Map<String, Workload> workloads() {
        Map<String, Workload> m = new LinkedHashMap<>();
        for (Workload w : List.of(new MlpWorkload(), new VggWorkload(), new RecoveryWorkload())) {
            m.put(w.name(), w);
        }
        return m;
    }

    /** Names of the workloads, for usage messages. */
    public static List<String> names() {
        return new ArrayList<>(WORKLOADS.keySet());
    }

    /** Runs {@code names} (each must be in {@link #WORKLOADS}); throws CancelledException after Ctrl-C. */
    public void run(List<String> names, PrintWriter out, PrintWriter log) {
        log.println("bench: measuring the matmul rate");
        log.flush();
        MatmulRate.Result rate = MatmulRate.measure(settings.matmulSize(), 3, 0.5, cancellation);
        out.print(Machine.header(rate).render());
        out.flush();
        Dataset mnist = new MnistStore(cacheRoot).load();
        BenchContext context = new BenchContext(mnist, settings, rate.gflops(), cancellation, log);
        for (String name : names) {
            long start = System.nanoTime();
            Report report = WORKLOADS.get(name).run(context);
            report.add("workload's wall time", Figures.ms((System.nanoTime() - start) / 1e6)
                    + " (training and warm-ups included)");
            out.println();
            out.print(report.render());
            out.flush();
        }
    }
}
