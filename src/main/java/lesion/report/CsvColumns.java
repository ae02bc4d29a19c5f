package lesion.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds a report {@link Table} from chosen columns and rows of a CSV file, leaving out columns the file lacks. */
final class CsvColumns {
    private CsvColumns() {
    }

    /**
     * The table of {@code rows} of {@code t} with the {@code columns} (CSV names) the file has, headed by the CSV
     * names themselves so that a reader finds them in the file.
     */
    static Table table(String id, String kind, String caption, CsvTable t, List<Integer> rows, List<String> columns) {
        List<String> present = columns.stream().filter(t::has).toList();
        List<List<String>> cells = new ArrayList<>();
        for (int r : rows) {
            List<String> row = new ArrayList<>();
            for (String c : present) {
                row.add(t.cell(r, c));
            }
            cells.add(row);
        }
        return new Table(id, kind, caption, present, cells);
    }

    /** Every row index, in file order. */
    static List<Integer> all(CsvTable t) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            rows.add(r);
        }
        return rows;
    }

    /** The {@code limit} rows with the largest value in {@code column}, largest first (ties in file order). */
    static List<Integer> top(CsvTable t, String column, int limit) {
        List<Integer> rows = all(t);
        rows.sort(Comparator.comparingDouble((Integer r) -> {
            double v = t.number(r, column);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : -v;
        }));
        return new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
    }
}
