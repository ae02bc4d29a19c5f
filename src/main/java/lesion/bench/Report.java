package lesion.bench;

import java.util.ArrayList;
import java.util.List;

/** One workload's results as a titled block of {@code label: value} lines, the labels padded to one column. */
public final class Report {

    private final String title;
    private final List<String[]> lines = new ArrayList<>();

    public Report(String title) {
        this.title = title;
    }

    /** Adds a line; returns this report. */
    public Report add(String label, String value) {
        lines.add(new String[] {label, value});
        return this;
    }

    /** The block as text, ending with a newline. */
    public String render() {
        int width = 0;
        for (String[] l : lines) {
            width = Math.max(width, l[0].length());
        }
        StringBuilder sb = new StringBuilder("== ").append(title).append('\n');
        for (String[] l : lines) {
            sb.append("  ").append(l[0]).append(':').append(" ".repeat(width - l[0].length() + 1)).append(l[1])
                    .append('\n');
        }
        return sb.toString();
    }
}
