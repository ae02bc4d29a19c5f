package lesion.interpret;

/** Process exit codes, after sysexits(3) as jlox uses them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Wrong command-line usage (picocli's default). */
    public static final int USAGE = 2;
    /** The study is invalid: syntax or check errors. */
    public static final int INVALID_STUDY = 65;
    /** A file named on the command line cannot be read. */
    public static final int NO_INPUT = 66;
    /** A failure at run time: bad data, a corrupt model file, an engine error. */
    public static final int RUNTIME_FAILURE = 70;
    /** Stopped by Ctrl-C; finished steps are on disk. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
