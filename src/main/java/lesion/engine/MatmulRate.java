package lesion.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine's float32 matrix-multiply rate through ND4J: square n×n products into a preallocated output, one
 * warm-up product, then the best of a few runs of about {@code seconds} each, in GFLOP/s = 2n³ per product / time.
 * The benchmark divides the FLOPs of a sweep by its time and by this rate: the fraction of the machine's best
 * arithmetic speed that the sweep achieved.
 */
public final class MatmulRate {

    /** The measured rate and the conditions it was measured in. */
    public record Result(int size, int runs, double gflops, int ndThreads, int blasThreads) {
    }

    private MatmulRate() {
    }

    /** Measures {@code runs} runs of at least {@code seconds} each on n×n matrices; checks {@code cancellation}. */
    public static Result measure(int n, int runs, double seconds, Cancellation cancellation) {
        if (n < 1 || runs < 1) {
            throw new IllegalArgumentException("the matrix size and runs must be positive");
        }
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'f');
        a.mmuli(b, c); // warm-up: loads the BLAS code paths and touches the memory
        double flops = 2.0 * n * n * n;
        double best = 0;
        for (int r = 0; r < runs; r++) {
            cancellation.check();
            long start = System.nanoTime();
            long products = 0;
            long elapsed;
            do {
                a.mmuli(b, c);
                products++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < seconds * 1e9);
            best = Math.max(best, flops * products / elapsed); // FLOP per ns is GFLOP/s
        }
        return new Result(n, runs, best, threads(() -> Nd4j.getEnvironment().maxThreads()),
                threads(() -> Nd4j.factory().blas().getMaxThreads()));
    }

    private interface IntProbe {
        int get();
    }

    private static int threads(IntProbe probe) {
        try {
            return probe.get();
        } catch (RuntimeException | LinkageError e) {
            return -1; // a backend without the query
        }
    }
}
