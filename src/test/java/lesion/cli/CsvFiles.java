package lesion.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a result CSV into rows of cells, header first. Fields may be quoted (a pair's selection, {@code "units 0,
 * 1"}, holds a comma); quoted fields hold no line breaks in result files.
 */
final class CsvFiles {
    private CsvFiles() {
    }

    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(fields(line));
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** The cell of {@code column} (by header name) in row {@code row} (1 is the first data row). */
    static String cell(List<List<String>> table, int row, String column) {
        return table.get(row).get(table.get(0).indexOf(column));
    }
}
