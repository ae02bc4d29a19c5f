package lesion.report;

import java.util.List;

/**
 * A table of the report: its id and kind (see {@link Block}), a caption, the column names and the
 * rows as text. The report makes it sortable by clicking a column's name; cells that read as
 * numbers sort as numbers.
 */
public record Table(String id, String kind, String caption, List<String> header, List<List<String>> rows)
        implements Block {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }
}
