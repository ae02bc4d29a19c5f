package lesion.engine;

/** Thrown by {@link Cancellation#check()} when the user asked to stop. */
public final class CancelledException extends RuntimeException {

    public CancelledException() {
        super("cancelled");
    }
}
