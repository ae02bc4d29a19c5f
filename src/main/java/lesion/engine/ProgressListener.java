package lesion.engine;

/** Receives progress of long engine tasks: training reports batches, sweeps report variants. */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total, String unit) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void finish() {
        }
    };

    /** A task begins; {@code total} units of kind {@code unit} (e.g. "batches") will follow. */
    void start(String task, long total, String unit);

    /** {@code n} more units are done. */
    void advance(long n);

    /** The task ended (normally or not). */
    void finish();
}
