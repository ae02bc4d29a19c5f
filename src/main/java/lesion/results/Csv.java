package lesion.results;

import java.util.List;

/** RFC 4180 CSV lines: fields joined by commas, quoted when needed, lines ended by CRLF. */
final class Csv {
    static final String EOL = "\r\n";

    private Csv() {
    }

    /** A field as written: quoted, with quotes doubled, only when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    static void appendRow(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append(EOL);
    }
}
