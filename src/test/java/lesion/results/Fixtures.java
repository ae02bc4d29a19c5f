package lesion.results;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Hand-made scores and a small RFC 4180 reader for the results tests. */
final class Fixtures {
    private Fixtures() {
    }

    static Scores scores(int classes, int[] labels, int[] predicted, int... top5Wrong) {
        BitSet top5 = new BitSet();
        top5.set(0, labels.length);
        for (int i : top5Wrong) {
            top5.clear(i);
        }
        return new Scores(classes, labels, predicted, top5);
    }

    /** Parses RFC 4180 text independently of the writer: quoted fields, doubled quotes, CRLF or LF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() != 0) {
                    throw new IllegalArgumentException("quote inside an unquoted field at " + i);
                }
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        if (any) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
