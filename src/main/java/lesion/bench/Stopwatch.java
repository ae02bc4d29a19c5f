package lesion.bench;

/** Wall-clock time of a piece of work, in milliseconds (System.nanoTime, so monotonic). */
final class Stopwatch {

    private Stopwatch() {
    }

    static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    /** The shortest of {@code repeats} runs of {@code work}. */
    static double best(int repeats, Runnable work) {
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            best = Math.min(best, time(work));
        }
        return best;
    }
}
