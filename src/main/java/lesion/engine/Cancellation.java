package lesion.engine;

/** A thread-safe flag that asks long-running engine work (training, sweeps) to stop at the next safe point. */
public final class Cancellation {

    // volatile is enough: one thread (e.g. a Ctrl-C handler) writes, workers only read.
    private volatile boolean cancelled;

    /** A token that is never cancelled by anyone else; handy for tests and one-off calls. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled = true;
    }

    /** Clears a cancellation, so that the next piece of work runs (a REPL goes on after Ctrl-C stopped a step). */
    public void reset() {
        cancelled = false;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Throws {@link CancelledException} if {@link #cancel()} was called; loops call this between units of work. */
    public void check() {
        if (cancelled) {
            throw new CancelledException();
        }
    }
}
