package lesion.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import lesion.results.Scores;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scores many ablations of units (or filters) in one layer quickly, with any {@link Ablation} method. Everything
 * before the ablated layer is unaffected by its variants, so once per chunk of test images the sweep computes what
 * every variant starts from, the array at the ablation point (see {@link DensePath} for MLPs, {@link CnnPath} for
 * CNNs). Each variant copies it, changes its units' slices, and runs only the rest of the network up to the output
 * layer's logits, which it scores (see {@link Scorer}). On the way it checks whether its units were silenced at the
 * end of their block. The network itself is never modified or copied. Results equal, bit for bit, those of the
 * plain path through DL4J's own layers (really zeroing the weights, or changing DL4J's activations and running the
 * later layers with DL4J; see the tests' oracles).
 */
public final class UnitSweep {

    /** Bytes of ablation-point arrays a sweep keeps for the whole test set before it recomputes them per block. */
    static final long SHARED_BYTES = 512L << 20;
    /**
     * Variants an MLP sweep scores in parallel before it delivers them in order: few enough that progress and a
     * cancelled sweep's results stay close to the work done, many enough that the threads rarely wait.
     */
    static final int DENSE_BLOCK = 256;
    /** Variants that advance together through the test set when the ablation-point arrays are recomputed. */
    static final int BLOCK = 32;

    private final ProgressListener progress;
    private final Cancellation cancellation;
    private final int chunkRows;
    private final long sharedBytes;
    private final boolean javaKernel;

    public UnitSweep(ProgressListener progress, Cancellation cancellation) {
        this(progress, cancellation, 0);
    }

    /**
     * For tests: another chunk height (results then match only an evaluation with the same chunking); 0 for the
     * network's own ({@link Network#evaluationChunkRows}).
     */
    UnitSweep(ProgressListener progress, Cancellation cancellation, int chunkRows) {
        this(progress, cancellation, chunkRows, SHARED_BYTES);
    }

    /** For tests: another bound on the ablation-point arrays kept for the whole test set. */
    UnitSweep(ProgressListener progress, Cancellation cancellation, int chunkRows, long sharedBytes) {
        this(progress, cancellation, chunkRows, sharedBytes, true);
    }

    private UnitSweep(ProgressListener progress, Cancellation cancellation, int chunkRows, long sharedBytes,
            boolean javaKernel) {
        this.progress = progress;
        this.cancellation = cancellation;
        this.chunkRows = chunkRows;
        this.sharedBytes = sharedBytes;
        this.javaKernel = javaKernel;
    }

    /**
     * For tests and benchmarks: the same sweep without {@link DenseSweep}, so an MLP goes through ND4J layer by
     * layer ({@link DensePath}), whose floats equal DL4J's bit for bit.
     */
    UnitSweep withoutJavaKernel() {
        return new UnitSweep(progress, cancellation, chunkRows, sharedBytes, false);
    }

    /** A sweep that reports nothing and cannot be cancelled. */
    public UnitSweep() {
        this(ProgressListener.NONE, Cancellation.none());
    }

    /** Scores of the unablated network (the same as {@link Network#evaluate}). */
    public Scores baseline(Network network, Dataset data) {
        return network.evaluate(data);
    }

    /** Receives each variant's scores as soon as they are computed, in the order of the variants. */
    @FunctionalInterface
    public interface VariantSink {
        /**
         * Variant {@code index} (0-based, into the list of variants being swept), the units it ablates and its scores.
         * The scores are the sink's to keep or drop: their {@code predicted} array and {@code top5Correct} set are
         * new for every variant; {@code labels} is one array shared by all variants of the call, never modified.
         */
        void accept(int index, int[] units, Scores scores);
    }

    /**
     * One {@link Scores} per variant, in order; a convenience over {@link #run(Network, Dataset, int, List,
     * VariantSink)} that keeps them all, about 4 bytes per test image and variant.
     */
    public List<Scores> run(Network network, Dataset data, int layer, List<int[]> variants) {
        List<Scores> results = new ArrayList<>(variants.size());
        run(network, data, layer, variants, (index, units, scores) -> results.add(scores));
        return results;
    }

    /** The same with method {@code zero}. */
    public void run(Network network, Dataset data, int layer, List<int[]> variants, VariantSink sink) {
        run(network, data, layer, Ablation.ZERO, variants, sink);
    }

    /** One {@link Scores} per variant, in order, ablating with {@code method}; keeps them all. */
    public List<Scores> run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants) {
        List<Scores> results = new ArrayList<>(variants.size());
        run(network, data, layer, method, variants, (index, units, scores) -> results.add(scores));
        return results;
    }

    /**
     * Scores every variant and hands each to {@code sink} before later ones are delivered, so that the caller decides
     * what to keep (a sweep of 19,900 pairs over 10,000 images would otherwise hold them all). A variant lists the
     * unit (or filter) indices of layer {@code layer} to ablate with {@code method}; an empty variant gives the
     * baseline. All units are checked before any work. Progress advances after the sink has taken a variant;
     * cancellation is checked before each variant and chunk, so a cancelled sweep has delivered exactly the variants
     * it reported.
     *
     * <p>Memory stays bounded: the arrays at the ablation point are kept for the whole test set only if they fit
     * {@link #SHARED_BYTES}; otherwise they are recomputed chunk by chunk for each block of {@link #BLOCK} variants,
     * which then advance together (each variant keeps only its predictions until the block is delivered).
     */
    public void run(Network network, Dataset data, int layer, Ablation method, List<int[]> variants,
            VariantSink sink) {
        runDetailed(network, data, layer, method, variants,
                (index, units, scores, silenced) -> sink.accept(index, units, scores));
    }

    /** Receives, besides what {@link VariantSink} does, whether the variant's units were silenced. */
    @FunctionalInterface
    public interface DetailedSink {
        /**
         * {@code silenced}: whether every ablated unit's output at the end of its block (after its batch norm and
         * activation, where there are such layers; the logits for the output layer) was exactly 0 for every test
         * image. False for {@code zero} before a batch norm, which shifts the zeros; true for {@code mask}.
         */
        void accept(int index, int[] units, Scores scores, boolean silenced);
    }

    /** {@link #run(Network, Dataset, int, Ablation, List, VariantSink)}, also saying whether units were silenced. */
    public void runDetailed(Network network, Dataset data, int layer, Ablation method, List<int[]> variants,
            DetailedSink sink) {
        sweep(network, data, layer, method, variants, 0, null, null, sink);
    }

    /**
     * What sweeps of several layers of one network on one data set share: a CNN's activations at the last ablation
     * point reached, for the whole test set, from which the next, deeper sweep runs on instead of starting again at
     * the images (a sweep of every conv layer of a VGG-19 then runs the network's prefix once, not once per layer).
     * Valid only while the network's weights do not change; the arrays are kept only when they fit the sweep's
     * bound on shared arrays (512 MB). The prefix is computed one layer at a time, so the results do not depend on
     * whether a layer is swept alone or after others. MLPs have nothing worth sharing.
     */
    public static final class Prefix {
        private final Network network;
        private final Dataset data;
        /** The layer whose input {@link #state} holds; 0 with no state: the images. */
        private int next;
        private INDArray[] state;

        private Prefix(Network network, Dataset data) {
            this.network = network;
            this.data = data;
        }
    }

    /** A {@link Prefix} for sweeping layers of {@code network} on {@code data}, best in order of depth. */
    public Prefix prefix(Network network, Dataset data) {
        return new Prefix(network, data);
    }

    /** {@link #runDetailed(Network, Dataset, int, Ablation, List, DetailedSink)} on a prefix's network and data. */
    public void runDetailed(Prefix prefix, int layer, Ablation method, List<int[]> variants, DetailedSink sink) {
        sweep(prefix.network, prefix.data, layer, method, variants, 0, null, prefix, sink);
    }

    /**
     * The scores of {@code network} with {@code units} of layer {@code layer} ablated by {@code method} as variant
     * {@code index} of a sweep (the index seeds its noise), with mean ablations holding {@code means} (from
     * {@link #means}, possibly of another network) instead of this network's own: how a recovering network is
     * scored with its damage held ({@link Damage}).
     */
    Scores held(Network network, Dataset data, int layer, Ablation method, int[] units, int index, float[] means) {
        Scores[] out = new Scores[1];
        sweep(network, data, layer, method, List.of(units), index, means, null,
                (i, u, scores, silenced) -> out[0] = scores);
        return out[0];
    }

    /**
     * What {@code using mean} puts at the ablation point of layer {@code layer}: every feature's mean over the test
     * set (a unit's, or each position of a filter's channel), in the order [units, features per unit].
     */
    float[] means(Network network, Dataset data, int layer) {
        network.checkLayer(layer);
        network.checkInput(data);
        int rows = chunkRows > 0 ? chunkRows : network.evaluationChunkRows();
        SweepPath path = path(network, layer, Ablation.MEAN, rows);
        return new SharedArrays(path, data, Evaluator.chunks(data.testSize(), path.chunkRows()), sharedBytes)
                .means(data.testSize());
    }

    private static SweepPath path(Network network, int layer, Ablation method, int rows) {
        return network.denseOnly() ? new DensePath(network, layer, method, rows)
                : new CnnPath(network, layer, method, rows);
    }

    /** The sweep; variant v is variant {@code firstIndex + v} for its noise, {@code heldMeans} null: its own. */
    private void sweep(Network network, Dataset data, int layer, Ablation method, List<int[]> variants,
            int firstIndex, float[] heldMeans, Prefix prefix, DetailedSink sink) {
        network.checkLayer(layer);
        network.checkInput(data);
        int units = network.units(layer);
        if (units == 0) {
            throw new IllegalArgumentException("layer " + layer + " (" + network.layerName(layer)
                    + ") has no units or filters to ablate");
        }
        for (int[] variant : variants) {
            for (int u : variant) {
                if (u < 0 || u >= units) {
                    throw new IllegalArgumentException("unit " + u + " does not exist in layer " + layer + " ("
                            + network.layerName(layer) + " has units 0.." + (units - 1) + ")");
                }
            }
        }
        int rows = chunkRows > 0 ? chunkRows : network.evaluationChunkRows();
        if (javaKernel && network.denseOnly()) {
            DenseSweep dense = DenseSweep.prepare(network, data, layer, rows, sharedBytes);
            if (dense != null) {
                float[] means = method.kind() != Ablation.Kind.MEAN ? null
                        : heldMeans != null ? heldMeans : means(network, data, layer);
                denseSweep(dense, network, data, layer, method, variants, firstIndex, means, sink);
                return;
            }
        }
        SweepPath path = path(network, layer, method, rows);
        int[] labels = data.testLabels(); // one copy shared by all results
        List<int[]> chunks = Evaluator.chunks(labels.length, path.chunkRows());
        SharedArrays shared = prefix != null && path instanceof CnnPath cnn
                ? SharedArrays.from(prefix, cnn, data, chunks, sharedBytes)
                : new SharedArrays(path, data, chunks, sharedBytes);
        float[] means = method.kind() != Ablation.Kind.MEAN ? null
                : heldMeans != null ? heldMeans : shared.means(labels.length);
        int block = shared.keepsAll() ? 1 : BLOCK;

        progress.start("sweep " + network.layerName(layer), variants.size(), "variants");
        try {
            for (int from = 0; from < variants.size(); from += block) {
                int to = Math.min(variants.size(), from + block);
                int[][] predicted = new int[to - from][labels.length];
                BitSet[] top5 = new BitSet[to - from];
                boolean[] silenced = new boolean[to - from];
                Random[][] noise = new Random[to - from][];
                for (int v = from; v < to; v++) {
                    top5[v - from] = new BitSet(labels.length);
                    silenced[v - from] = true;
                    noise[v - from] = noiseGenerators(method, firstIndex + v, variants.get(v));
                }
                for (int c = 0; c < chunks.size(); c++) {
                    cancellation.check();
                    INDArray base = shared.get(c);
                    for (int v = from; v < to; v++) {
                        cancellation.check();
                        int[] variant = variants.get(v);
                        try (MemoryWorkspace scope = path.variantScope()) {
                            INDArray x = ablate(method, path.scratch(base), variant, path, means,
                                    noise[v - from]);
                            INDArray end = path.toBlockEnd(x);
                            silenced[v - from] &= allZero(end, variant);
                            Scorer.score(path.logits(end), labels, chunks.get(c)[0], predicted[v - from],
                                    top5[v - from]);
                        }
                    }
                }
                for (int v = from; v < to; v++) {
                    sink.accept(v, variants.get(v), new Scores(data.numClasses(), labels, predicted[v - from],
                            top5[v - from]), silenced[v - from]);
                    progress.advance(1);
                }
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * The sweep through {@link DenseSweep}: blocks of variants are scored in parallel, one {@link DenseSweep.Worker}
     * per thread (a variant's arithmetic does not depend on the thread), then delivered in order. Cancellation is
     * checked before every variant is scored and before every delivery.
     */
    private void denseSweep(DenseSweep dense, Network network, Dataset data, int layer, Ablation method,
            List<int[]> variants, int firstIndex, float[] means, DetailedSink sink) {
        int[] labels = data.testLabels(); // one copy shared by all results
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), variants.size()));
        DenseSweep.Worker[] workers = new DenseSweep.Worker[threads];
        for (int p = 0; p < threads; p++) {
            workers[p] = dense.worker();
        }
        int block = Math.max(threads, DENSE_BLOCK);
        progress.start("sweep " + network.layerName(layer), variants.size(), "variants");
        try {
            for (int from = 0; from < variants.size(); from += block) {
                int start = from;
                int to = Math.min(variants.size(), from + block);
                int[][] predicted = new int[to - from][];
                BitSet[] top5 = new BitSet[to - from];
                boolean[] silenced = new boolean[to - from];
                // each thread takes the next variant not yet taken, so that none waits while work is left
                java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(from);
                java.util.stream.IntStream.range(0, threads).parallel().forEach(p -> {
                    for (int v = next.getAndIncrement(); v < to; v = next.getAndIncrement()) {
                        cancellation.check();
                        int[] units = DenseSweep.distinct(variants.get(v));
                        Random[] noise = noiseGenerators(method, firstIndex + v, units);
                        predicted[v - start] = new int[labels.length];
                        long[] words = new long[(labels.length + 63) / 64];
                        silenced[v - start] = workers[p].score(units, method, noise, means, labels,
                                predicted[v - start], words);
                        top5[v - start] = BitSet.valueOf(words);
                    }
                });
                for (int v = from; v < to; v++) {
                    cancellation.check();
                    sink.accept(v, variants.get(v), new Scores(data.numClasses(), labels, predicted[v - from],
                            top5[v - from]), silenced[v - from]);
                    progress.advance(1);
                }
            }
        } finally {
            progress.finish();
        }
    }

    /**
     * The arrays at the ablation point, one per chunk: computed once and kept when the whole test set's fit
     * {@link #SHARED_BYTES}, else recomputed on each request (the prefix of the network is then run once per block
     * of variants).
     */
    private static final class SharedArrays {
        private final SweepPath path;
        private final Dataset data;
        private final List<int[]> chunks;
        private final INDArray[] kept;

        private SharedArrays(SweepPath path, Dataset data, List<int[]> chunks, INDArray[] kept) {
            this.path = path;
            this.data = data;
            this.chunks = chunks;
            this.kept = kept;
        }

        /**
         * The arrays at {@code path}'s ablation point, advanced from where {@code prefix} stopped (or from the
         * images, when that was deeper); the prefix then holds them. When the whole test set's arrays do not fit
         * {@code budget}, the prefix is emptied and the arrays are recomputed per request as usual.
         */
        static SharedArrays from(Prefix prefix, CnnPath path, Dataset data, List<int[]> chunks, long budget) {
            int point = path.point();
            if (prefix.state != null && prefix.next == point + 1) {
                return new SharedArrays(path, data, chunks, prefix.state); // the same point again
            }
            if (prefix.state == null || prefix.next > point) {
                prefix.state = null;
                prefix.next = 0;
            }
            INDArray[] kept = new INDArray[chunks.size()];
            for (int c = 0; c < chunks.size(); c++) {
                INDArray in = prefix.state != null ? prefix.state[c] : Evaluator.rows(data.testFeatures(), chunks.get(c));
                kept[c] = path.advance(in, prefix.next);
                if (c == 0 && bytes(kept[0], data) > budget) {
                    prefix.state = null;
                    prefix.next = 0;
                    return new SharedArrays(path, data, chunks, budget);
                }
            }
            prefix.state = kept;
            prefix.next = point + 1;
            return new SharedArrays(path, data, chunks, kept);
        }

        private static long bytes(INDArray first, Dataset data) {
            return first.length() * first.dataType().width() / Math.max(1, first.size(0)) * data.testSize();
        }

        SharedArrays(SweepPath path, Dataset data, List<int[]> chunks, long budget) {
            this.path = path;
            this.data = data;
            this.chunks = chunks;
            INDArray first = compute(0);
            if (bytes(first, data) <= budget) {
                kept = new INDArray[chunks.size()];
                kept[0] = first;
            } else {
                kept = null;
            }
        }

        boolean keepsAll() {
            return kept != null;
        }

        INDArray get(int c) {
            if (kept == null) {
                return compute(c);
            }
            if (kept[c] == null) {
                kept[c] = compute(c);
            }
            return kept[c];
        }

        private INDArray compute(int c) {
            return path.shared(Evaluator.rows(data.testFeatures(), chunks.get(c)));
        }

        /**
         * Each feature's mean over the test set (a unit's for a dense layer; each position of a channel for a
         * convolution): double sums of the floats in row order, divided by the images, rounded to float.
         */
        float[] means(int rows) {
            double[] sums = null;
            for (int c = 0; c < chunks.size(); c++) {
                INDArray a = get(c);
                if (sums == null) {
                    sums = new double[(int) (a.length() / a.size(0))];
                }
                addColumnSums(a.dup('c').data().asFloat(), sums);
            }
            float[] out = new float[sums.length];
            for (int f = 0; f < sums.length; f++) {
                out[f] = (float) (sums[f] / rows);
            }
            return out;
        }
    }

    /**
     * Ablates the variant's units of {@code x} (a contiguous c-ordered copy of the shared array for one chunk) in
     * place, seen as [rows, units, features per unit]; {@code noise} holds one generator per entry of
     * {@code variant}, already advanced past earlier chunks (row by row, a unit's features in c order).
     */
    private static INDArray ablate(Ablation method, INDArray x, int[] variant, SweepPath path, float[] means,
            Random[] noise) {
        long rows = x.size(0);
        long units = x.size(1);
        long per = x.length() / rows / units;
        INDArray view = x.reshape('c', rows, units, per);
        for (int i = 0; i < variant.length; i++) {
            int u = variant[i];
            INDArray slice = view.get(NDArrayIndex.all(), NDArrayIndex.point(u), NDArrayIndex.all());
            switch (method.kind()) {
                case ZERO -> slice.assign(path.zeroValue(u));
                case MASK -> slice.assign(0);
                case MEAN -> slice.assign(0).addiRowVector(Nd4j.createFromArray(
                        java.util.Arrays.copyOfRange(means, (int) (u * per), (int) ((u + 1) * per)))
                        .castTo(x.dataType()));
                case NOISE -> {
                    if (noise[i] == null) {
                        break; // a unit listed twice gets its noise once
                    }
                    float[] add = new float[(int) (rows * per)];
                    for (int k = 0; k < add.length; k++) {
                        add[k] = (float) (method.sigma() * noise[i].nextGaussian());
                    }
                    // one IEEE float addition per element, the same as a[r][u] + add[r] in Java
                    slice.addi(Nd4j.createFromArray(add).castTo(x.dataType()).reshape('c', rows, per));
                }
            }
        }
        return x;
    }

    /** Whether the variant's units are exactly 0 everywhere in {@code end} ([rows, units, ...]); NaN is not 0. */
    private static boolean allZero(INDArray end, int[] variant) {
        for (int u : variant) {
            INDArray slice = end.get(NDArrayIndex.all(), NDArrayIndex.point(u));
            double max = slice.amaxNumber().doubleValue();
            if (max != 0 || Double.isNaN(slice.sumNumber().doubleValue())) {
                return false;
            }
        }
        return true;
    }

    /** Variant v's noise generators, one per unit it lists (null for a repeated unit); null for other methods. */
    private static Random[] noiseGenerators(Ablation method, int v, int[] variant) {
        if (method.kind() != Ablation.Kind.NOISE) {
            return null;
        }
        Random[] out = new Random[variant.length];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < variant.length; i++) {
            if (seen.add(variant[i])) {
                out[i] = method.noiseGenerator(v, variant[i]);
            }
        }
        return out;
    }

    /** Adds each column of the c-ordered rows {@code v} to {@code sums}, row by row in double precision. */
    private static void addColumnSums(float[] v, double[] sums) {
        int cols = sums.length;
        for (int base = 0; base < v.length; base += cols) {
            for (int u = 0; u < cols; u++) {
                sums[u] += v[base + u];
            }
        }
    }

}
