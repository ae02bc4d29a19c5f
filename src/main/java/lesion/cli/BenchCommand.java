package lesion.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lesion.bench.Bench;
import lesion.bench.BenchSettings;
import lesion.engine.Cancellation;
import lesion.engine.CancelledException;
import lesion.engine.EngineException;
import lesion.interpret.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lesion bench [WORKLOAD...]}: times Lesion's sweep and recovery against the naive DL4J way on named
 * workloads and prints the figures (see {@link Bench}). Not part of the test suite: its figures depend on the
 * machine.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time Lesion's sweep and recovery against the naive DL4J loop on the same work, and relate",
            "both to the least FLOPs the work needs and the machine's measured matrix-multiply rate.",
            "Workloads: mlp (MLP 784-20-10-10, layer 0 each + pairs, 10,000 images), vgg (VGG-19-BN width",
            "0.125, random groups of conv filters, 500 images), recovery (one epoch of recover freeze above);",
            "default: all three. Ctrl-C stops at the next variant or batch.",
            "Exit codes: 0 done, 2 usage, 70 failure, 130 interrupted."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "WORKLOAD", arity = "0..*", description = "mlp, vgg or recovery (default: all)")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--images", paramLabel = "N",
            description = "test images of every workload (default: 10,000 for mlp, 500 for vgg)")
    Integer images;

    @Option(names = "--groups", paramLabel = "K", defaultValue = "2",
            description = "vgg: random groups per proportion (10%%, 25%%) and conv layer (default: ${DEFAULT-VALUE})")
    int groups;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "5",
            description = "mlp, vgg: timed repeats of Lesion's sweep, the best counts (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--train-epochs", paramLabel = "E", defaultValue = "1",
            description = "epochs of training of the MLP (default: ${DEFAULT-VALUE}; 0: untrained)")
    int trainEpochs;

    @Option(names = "--train-images", paramLabel = "N",
            description = "training images for the MLP and recovery (default: all 60,000)")
    Integer trainImages;

    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "2048",
            description = "side of the square matrices of the matmul rate (default: ${DEFAULT-VALUE})")
    int matmulSize;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2019",
            description = "seed of the training, initial weights and random groups (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    CacheOption cache;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = workloads.isEmpty() ? Bench.names() : workloads;
        for (String name : names) {
            if (!Bench.WORKLOADS.containsKey(name)) {
                err.println("lesion bench: unknown workload '" + name + "'; expected one of "
                        + String.join(", ", Bench.names()));
                return ExitCodes.USAGE;
            }
        }
        BenchSettings settings;
        try {
            settings = new BenchSettings(images, groups, repeat, trainEpochs, trainImages, matmulSize, seed);
        } catch (IllegalArgumentException e) {
            err.println("lesion bench: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Cancellation cancellation = new Cancellation();
        Interrupts.cancelOnCtrlC(cancellation, "stopping the benchmark after the current variant or batch");
        long start = System.nanoTime();
        try {
            new Bench(settings, cache.resolve(), cancellation).run(names, out, err);
        } catch (CancelledException e) {
            out.flush();
            err.println("lesion bench: interrupted");
            return ExitCodes.INTERRUPTED;
        } catch (EngineException | IllegalArgumentException e) {
            out.flush();
            err.println("lesion bench: error: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        out.println();
        out.printf(java.util.Locale.ROOT, "total: %.1f s%n", (System.nanoTime() - start) / 1e9);
        out.flush();
        return ExitCodes.OK;
    }
}
