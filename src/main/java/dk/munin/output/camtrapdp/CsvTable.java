package dk.munin.output.camtrapdp;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Camtrap DP table as RFC 4180 CSV, written to a local file a row at a time, so a table of
 * millions of rows never sits in memory: the schema's columns in its order as the header, CRLF
 * line ends, a cell quoted only when it holds a comma, a double quote or a line break (and then
 * its quotes doubled), an empty cell for a missing value. Cells are set by column name, so a row
 * can never shift into the wrong columns.
 */
final class CsvTable implements Closeable {

    private static final String LINE_END = "\r\n";
    private static final int BUFFER_CHARS = 1 << 16;

    private final CamtrapDp.Table table;
    private final Problems problems;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final Path file;
    private final Writer out;
    private final StringBuilder line = new StringBuilder();
    private int size;

    /** Creates {@code folder}/&lt;the table's file&gt; and writes the header. */
    CsvTable(CamtrapDp.Table table, Path folder, Problems problems) throws IOException {
        this.table = table;
        this.problems = problems;
        List<String> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i), i);
        }
        file = folder.resolve(table.path());
        // A Writer made with a Charset replaces a lone surrogate by '?', as String.getBytes does,
        // where Files.newBufferedWriter would throw.
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER_CHARS);
        writeLine(columns.toArray(String[]::new));
    }

    /** A new row, every cell empty, written by {@link Row#write()}; {@code where} names it in problems, e.g. {@code media 'm1'}. */
    Row row(String where) {
        String[] cells = new String[table.columns().size()];
        Arrays.fill(cells, "");
        return new Row(cells, where);
    }

    /** Rows written so far. */
    int size() {
        return size;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** One write a line: the Writer's calls each take its lock, two a cell would cost more than the cells. */
    private void writeLine(String[] cells) throws IOException {
        line.setLength(0);
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            appendQuoted(cells[i]);
        }
        line.append(LINE_END);
        out.write(line.toString());
    }

    private void appendQuoted(String cell) {
        boolean needsQuotes = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0
                || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0;
        if (needsQuotes) {
            line.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
            line.append(cell);
        }
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
            Integer i = columnIndex.get(column);
            if (i == null) {
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

        /** Appends the row to the file. */
        void write() {
            try {
                writeLine(cells);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write a row of " + file, e);
            }
            size++;
        }
    }
}
