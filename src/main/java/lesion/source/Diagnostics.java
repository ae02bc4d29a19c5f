package lesion.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** Collects diagnostics from every stage so that a user sees all problems at once. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic d) {
        items.add(d);
    }

    public void error(Span span, String message) {
        add(Diagnostic.error(span, message));
    }

    public void error(Span span, String message, String hint) {
        add(Diagnostic.error(span, message, hint));
    }

    public void warning(Span span, String message) {
        add(Diagnostic.warning(span, message));
    }

    public void warning(Span span, String message, String hint) {
        add(Diagnostic.warning(span, message, hint));
    }

    public void addAll(Diagnostics other) {
        items.addAll(other.items);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count();
    }

    /** All diagnostics in source order (stable for equal positions). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparingInt((Diagnostic d) -> d.span().startOffset()));
        return Collections.unmodifiableList(copy);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
