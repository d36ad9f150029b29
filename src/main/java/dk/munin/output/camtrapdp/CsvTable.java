package dk.munin.output.camtrapdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One Camtrap DP table as RFC 4180 CSV: the schema's columns in its order as the header, CRLF
 * line ends, a cell quoted only when it holds a comma, a double quote or a line break (and then
 * its quotes doubled), an empty cell for a missing value. Cells are set by column name, so a row
 * can never shift into the wrong columns.
 */
final class CsvTable {

    private static final String LINE_END = "\r\n";

    private final CamtrapDp.Table table;
    private final Problems problems;
    private final List<String[]> rows = new ArrayList<>();

    CsvTable(CamtrapDp.Table table, Problems problems) {
        this.table = table;
        this.problems = problems;
    }

    /** A new row, every cell empty; {@code where} names it in problems, e.g. {@code media 'm1'}. */
    Row row(String where) {
        String[] cells = new String[table.columns().size()];
        Arrays.fill(cells, "");
        rows.add(cells);
        return new Row(cells, where);
    }

    int size() {
        return rows.size();
    }

    byte[] bytes() {
        StringBuilder csv = new StringBuilder();
        csv.append(line(table.columns().toArray(String[]::new)));
        rows.forEach(r -> csv.append(line(r)));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(String[] cells) {
        return Arrays.stream(cells).map(CsvTable::quoted).collect(Collectors.joining(",", "", LINE_END));
    }

    private static String quoted(String cell) {
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0;
        return needsQuotes ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    final class Row {

        private final String[] cells;
        private final String where;

        private Row(String[] cells, String where) {
            this.cells = cells;
            this.where = where;
        }

        /** Sets a cell; {@code null} leaves it empty. */
        Row set(String column, String value) {
            int i = table.columns().indexOf(column);
            if (i < 0) {
                throw new IllegalArgumentException(column + " is not a column of " + table.path());
            }
            if (value != null && !value.isEmpty() && CamtrapDp.MISSING_VALUES.contains(value)) {
                problems.add(where, column + " '" + value + "' would be read back as a missing value (Camtrap DP's"
                        + " tables read " + CamtrapDp.MISSING_VALUES.subList(1, CamtrapDp.MISSING_VALUES.size())
                        + " as empty)");
            }
            cells[i] = value == null ? "" : value;
            return this;
        }
    }
}
