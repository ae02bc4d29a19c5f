package lesion.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a result CSV (no quoted fields: result files never need them) into rows of cells, header first. */
final class CsvFiles {
    private CsvFiles() {
    }

    static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(List.of(line.split(",", -1)));
        }
        return rows;
    }

    /** The cell of {@code column} (by header name) in row {@code row} (1 is the first data row). */
    static String cell(List<List<String>> table, int row, String column) {
        return table.get(row).get(table.get(0).indexOf(column));
    }
}
