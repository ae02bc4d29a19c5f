package lesion.report;

import java.io.IOException;

/** The folder given to the report is missing or is not a run directory (no readable {@code manifest.json}). */
public final class NotARunDirectoryException extends IOException {
    public NotARunDirectoryException(String message) {
        super(message);
    }
}
