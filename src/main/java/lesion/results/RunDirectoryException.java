package lesion.results;

import java.io.IOException;

/** A run directory cannot be used without putting earlier results at risk, or cannot be made at all. */
public final class RunDirectoryException extends IOException {
    private static final long serialVersionUID = 1L;

    public RunDirectoryException(String message) {
        super(message);
    }
}
