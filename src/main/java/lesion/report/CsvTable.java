package lesion.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One CSV file of a run directory read back: a header and rows of text fields (RFC 4180, as
 * {@code lesion.results.Csv} writes them: commas, fields quoted when they hold a comma, a quote or
 * a line break, CRLF line ends). Cells are looked up by column name, so the report keeps working
 * when columns are added.
 */
public final class CsvTable {
    private final List<String> header;
    private final List<List<String>> rows;

    private CsvTable(List<String> header, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.rows = List.copyOf(rows);
    }

    /** Parses CSV text; an empty text gives a table without columns or rows. */
    public static CsvTable parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || field.length() > 0) {
                    record.add(field.toString());
                    records.add(record);
                }
                record = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(c);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            record.add(field.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            return new CsvTable(List.of(), List.of());
        }
        return new CsvTable(records.get(0), records.subList(1, records.size()));
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The text of {@code column} in row {@code row}; "" when the table has no such column. */
    public String cell(int row, String column) {
        int c = header.indexOf(column);
        List<String> r = rows.get(row);
        return c < 0 || c >= r.size() ? "" : r.get(c);
    }

    /** The number in {@code column} of row {@code row}; NaN for an empty or missing field. */
    public double number(int row, String column) {
        String text = cell(row, column);
        if (text.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** How many {@code class_<c><suffix>} columns there are, counting from class 0. */
    public int classes(String suffix) {
        int c = 0;
        while (has("class_" + c + suffix)) {
            c++;
        }
        return c;
    }
}
