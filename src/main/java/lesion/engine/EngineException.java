package lesion.engine;

/**
 * A failure the user can act on (bad or missing data file, npm missing, damaged model file), with a message meant
 * for them.
 */
public class EngineException extends RuntimeException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
