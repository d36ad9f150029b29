package dk.munin.output.camtrapdp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read as RFC 4180 says (comma, double quotes, {@code ""} inside quotes, CRLF or LF,
 * line breaks inside quoted cells). Small on purpose: the validator must number data rows as the
 * user sees them and report malformed quoting as a finding rather than guess, which a lenient
 * general reader would hide.
 */
final class CsvFile {

    /** One data record; {@code row} is 1-based and counts records, not physical lines. */
    record Row(int row, List<String> cells) {
    }

    private final List<String> header;
    private final List<Row> rows;
    private final List<String> syntaxErrors;

    private CsvFile(List<String> header, List<Row> rows, List<String> syntaxErrors) {
        this.header = header;
        this.rows = rows;
        this.syntaxErrors = syntaxErrors;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /** Quoting mistakes, each naming its record; the cells of such a record are read as best we can. */
    List<String> syntaxErrors() {
        return syntaxErrors;
    }

    static CsvFile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a UTF-8 byte-order mark is not part of the first column's name
        }
        List<List<String>> records = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean afterClosingQuote = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    afterClosingQuote = true;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                afterClosingQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                afterClosingQuote = false;
                records.add(record);
                record = new ArrayList<>();
            } else if (c == '"' && cell.length() == 0 && !afterClosingQuote) {
                quoted = true;
            } else {
                if (afterClosingQuote || c == '"') {
                    errors.add("data row " + records.size() + ": a double quote in an unquoted cell or text after a closing quote");
                    afterClosingQuote = false;
                }
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            errors.add("data row " + records.size() + ": a quoted cell is never closed");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        if (records.isEmpty()) {
            return new CsvFile(List.of(), List.of(), errors);
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            rows.add(new Row(r, List.copyOf(records.get(r))));
        }
        return new CsvFile(List.copyOf(records.get(0)), rows, errors);
    }
}
