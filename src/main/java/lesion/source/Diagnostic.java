package lesion.source;

/** One message about a place in a study, with an optional hint on how to fix it. */
public record Diagnostic(Severity severity, Span span, String message, String hint) {
    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message, null);
    }

    public static Diagnostic error(Span span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, span, message, hint);
    }

    public static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message, null);
    }

    public static Diagnostic warning(Span span, String message, String hint) {
        return new Diagnostic(Severity.WARNING, span, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
