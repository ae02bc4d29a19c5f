package lesion.source;

import java.util.List;

/**
 * Renders diagnostics as {@code file:line:col: error: message}, then the source line and a
 * caret under the culprit, then the hint if there is one.
 */
public final class DiagnosticPrinter {
    private DiagnosticPrinter() {
    }

    public static String render(SourceFile source, Diagnostic d) {
        StringBuilder out = new StringBuilder();
        if (d.span() == Span.NONE) {
            out.append(source.name()).append(": ").append(d.severity().label()).append(": ").append(d.message()).append('\n');
        } else {
            out.append(source.name()).append(':').append(d.span().line()).append(':').append(d.span().column())
                    .append(": ").append(d.severity().label()).append(": ").append(d.message()).append('\n');
            String line = source.line(d.span().line());
            out.append("  ").append(line).append('\n');
            out.append("  ").append(caretLine(line, d.span())).append('\n');
        }
        if (d.hint() != null) {
            out.append("  hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    public static String renderAll(SourceFile source, List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(render(source, d));
        }
        return out.toString();
    }

    /** Spaces (tabs kept, so the caret lines up) up to the column, then carets to the end of the span on that line. */
    private static String caretLine(String line, Span span) {
        StringBuilder out = new StringBuilder();
        int start = Math.max(0, span.column() - 1);
        for (int i = 0; i < start; i++) {
            out.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        int width = Math.max(1, Math.min(span.length(), Math.max(1, line.length() - start)));
        out.append("^".repeat(width));
        return out.toString();
    }
}
