package lesion.source;

/** How serious a diagnostic is: errors stop a study, warnings do not. */
public enum Severity {
    ERROR, WARNING, NOTE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
