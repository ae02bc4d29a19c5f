package lesion.ast;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import lesion.source.SourceFile;
import lesion.source.Span;

/**
 * Prints a study's AST as an indented tree, one node per line, for golden tests and debugging.
 *
 * <p>The format, deterministic and free of hash codes:
 * <pre>
 * Study tests/parse/x.study
 *   Seed @1:1-10 value=2019@1:6
 *   Ablate @5:1-26 method=null
 *     target: LayerTarget.One @5:8-14 layer=0@5:14
 *     selection: Selection.Each @5:16-25 noun=units@5:16
 *   Repeat @6:1-9:1 count=8@6:8
 *     body[0]: Evaluate @7:3-11
 * </pre>
 * A node is a record other than a literal: its line shows its kind ({@code Statement} records by
 * their simple name, the others as {@code Interface.Record}), its span, and then every other field
 * in declaration order, as {@code name=value}. Literals are printed inline with the line and column
 * where they start: whole numbers by value, decimal numbers and percentages as written (followed by
 * their value in brackets when it reads differently, as in {@code 1e-4(0.0001)}), strings in double
 * quotes with {@code \"}, {@code \\} and control characters escaped, words as they are, layer
 * references by index or as a quoted name. A field holding a node (or a list of nodes) is printed
 * on the following lines, indented, as {@code name: Kind …} ({@code name[i]: …} for lists); an
 * absent one as {@code name=null} on the parent's line.
 *
 * <p>A span prints as {@code @line:column-endColumn}, or {@code @line:column-endLine:endColumn}
 * when it ends on a later line, where the end is the position of its last character; one that
 * covers no text prints as {@code @line:column}, and {@link Span#NONE} as {@code @none}. Numbers
 * print the same in every locale. The fields are read from the records themselves, so that a field
 * added to the AST shows up here without a change to this class.
 */
public final class AstPrinter {
    private final String text;
    private final StringBuilder out = new StringBuilder();

    private AstPrinter(SourceFile source) {
        this.text = source == null ? null : source.text();
    }

    /** The tree of a whole study. */
    public static String print(Study study) {
        AstPrinter printer = new AstPrinter(study.source());
        printer.out.append("Study");
        if (study.source() != null) {
            printer.out.append(' ').append(study.source().name());
        }
        printer.out.append('\n');
        for (Statement statement : study.statements()) {
            printer.node(null, (Record) statement, 1);
        }
        return printer.out.toString();
    }

    /** The tree of one statement (or any other node of the AST) read from {@code source}. */
    public static String printNode(Object node, SourceFile source) {
        if (!(node instanceof Record record)) {
            throw new IllegalArgumentException("not a node of the AST: " + node);
        }
        AstPrinter printer = new AstPrinter(source);
        printer.node(null, record, 0);
        return printer.out.toString();
    }

    private void node(String label, Record node, int depth) {
        out.append("  ".repeat(depth));
        if (label != null) {
            out.append(label).append(": ");
        }
        out.append(kind(node.getClass()));
        List<Runnable> children = new ArrayList<>();
        Span span = null;
        for (RecordComponent component : node.getClass().getRecordComponents()) {
            Object value = read(component, node);
            String name = component.getName();
            if (value instanceof Span s) {
                span = s;
                continue;
            }
            if (value instanceof List<?> list && !list.isEmpty() && !isLeaf(list.get(0))) {
                for (int i = 0; i < list.size(); i++) {
                    String childLabel = name + "[" + i + "]";
                    Record child = (Record) list.get(i);
                    children.add(() -> node(childLabel, child, depth + 1));
                }
            } else if (value instanceof Record child && !isLeaf(child)) {
                children.add(() -> node(name, child, depth + 1));
            }
        }
        if (span != null) {
            out.append(' ').append(range(span));
        }
        for (RecordComponent component : node.getClass().getRecordComponents()) {
            Object value = read(component, node);
            if (value instanceof Span || isChild(value)) {
                continue;
            }
            out.append(' ').append(component.getName()).append('=').append(leaf(value));
        }
        out.append('\n');
        children.forEach(Runnable::run);
    }

    private static boolean isChild(Object value) {
        if (value instanceof List<?> list) {
            return !list.isEmpty() && !isLeaf(list.get(0));
        }
        return value instanceof Record && !isLeaf(value);
    }

    private static boolean isLeaf(Object value) {
        return !(value instanceof Record) || value instanceof IntLit || value instanceof NumLit
                || value instanceof PercentLit || value instanceof StrLit || value instanceof Word
                || value instanceof LayerRef;
    }

    private String leaf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(leaf(item));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof IntLit i) {
            return i.value() + at(i.span());
        }
        if (value instanceof NumLit n) {
            return asWritten(n.text(), plain(n.value())) + at(n.span());
        }
        if (value instanceof PercentLit p) {
            return asWritten(p.text(), plain(p.percent()) + "%") + at(p.span());
        }
        if (value instanceof StrLit s) {
            return quoted(s.value()) + at(s.span());
        }
        if (value instanceof Word w) {
            return w.text() + at(w.span());
        }
        if (value instanceof LayerRef r) {
            return (r.isIndex() ? Long.toString(r.index().value()) : quoted(r.name())) + at(r.span());
        }
        if (value instanceof String s) {
            return quoted(s);
        }
        if (value instanceof Double d) {
            return plain(d);
        }
        if (value instanceof Float f) {
            return plain(f.doubleValue());
        }
        return String.valueOf(value);
    }

    private static String asWritten(String text, String value) {
        return text.equals(value) ? text : text + "(" + value + ")";
    }

    private static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String at(Span span) {
        return span == null || span.equals(Span.NONE) ? "@none" : "@" + span.line() + ":" + span.column();
    }

    private String range(Span span) {
        if (span.equals(Span.NONE)) {
            return "@none";
        }
        String start = "@" + span.line() + ":" + span.column();
        if (text == null || span.endOffset() <= span.startOffset() || span.endOffset() > text.length()) {
            return start;
        }
        int last = span.endOffset() - 1;
        int line = span.line();
        for (int i = span.startOffset(); i < last; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int column = last - (text.lastIndexOf('\n', last - 1) + 1) + 1;
        return start + "-" + (line == span.line() ? "" : line + ":") + column;
    }

    private static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String kind(Class<?> type) {
        Class<?> outer = type.getEnclosingClass();
        if (outer == null || outer == Statement.class) {
            return type.getSimpleName();
        }
        return outer.getSimpleName() + "." + type.getSimpleName();
    }

    private static Object read(RecordComponent component, Record node) {
        try {
            return component.getAccessor().invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + node.getClass(), e);
        }
    }
}
