package dk.munin.budget;

import dk.munin.state.SpeedCalibration;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The detector speed table's text: lines starting with {@code #} are comments, then the header
 * {@link #HEADER}, then one {@link SpeedCalibration} a line, comma-separated. A value holding a
 * comma or a double quote is written in double quotes, a quote inside doubled (RFC 4180), so the
 * {@code how} sentence may use commas. Both the app (reading) and {@code make bench-calibrate}
 * (rewriting a row) go through here, so they cannot disagree about the format.
 */
public final class DetectorSpeedTable {

    public static final List<String> COLUMNS = List.of("model", "model_sha256", "input", "host", "threads", "ms_per_frame",
            "startup_seconds", "photos", "measured_at", "how");
    public static final String HEADER = String.join(",", COLUMNS);

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern INPUT = Pattern.compile("[1-9][0-9]*x[1-9][0-9]*");
    private static final Pattern WHOLE = Pattern.compile("[0-9]+");
    // Plain decimals only: Double.parseDouble would also take NaN, Infinity, 1e3 and hex floats.
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private DetectorSpeedTable() {
    }

    /**
     * Every row of the table, in file order.
     *
     * @param source the table's name, for messages
     * @throws InvalidSpeedTable naming the line and the column
     */
    public static List<SpeedCalibration> parse(String text, String source) {
        List<SpeedCalibration> rows = new ArrayList<>();
        boolean headerSeen = false;
        List<String> lines = text.lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            int number = index + 1;
            if (isComment(line)) {
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new InvalidSpeedTable(source + " line " + number + ": expected the header '" + HEADER
                            + "' before the first row, found '" + line + "'");
                }
                headerSeen = true;
            } else {
                rows.add(row(line, number, source));
            }
        }
        if (!headerSeen) {
            throw new InvalidSpeedTable(source + " has no header line '" + HEADER + "'");
        }
        return rows;
    }

    /** True for a line that holds a row: not a comment, not blank, not the header. */
    public static boolean isRow(String line) {
        return !isComment(line) && !line.equals(HEADER);
    }

    /**
     * One row's line.
     *
     * @param number the 1-based line number, for messages
     * @throws InvalidSpeedTable naming the line and the column
     */
    public static SpeedCalibration row(String line, int number, String source) {
        Cells cells = new Cells(split(line, number, source), number, source);
        if (cells.values.size() != COLUMNS.size()) {
            throw new InvalidSpeedTable(source + " line " + number + ": " + cells.values.size() + " columns, expected "
                    + COLUMNS.size() + " (" + HEADER + ")");
        }
        return new SpeedCalibration(cells.text(0), cells.matching(1, SHA256, "64 lower-case hex digits"),
                cells.matching(2, INPUT, "<width>x<height>, e.g. 352x352"), cells.text(3),
                cells.whole(4, 1), cells.decimal(5, true), cells.decimal(6, false), cells.whole(7, 1),
                cells.instant(8), cells.text(9));
    }

    /** The row as a line of the table, without a line ending; decimals with two places. */
    public static String format(SpeedCalibration row) {
        return String.join(",", quoted(row.model()), quoted(row.modelSha256()), quoted(row.input()), quoted(row.host()),
                Integer.toString(row.threads()), twoPlaces(row.msPerFrame()), twoPlaces(row.startupSeconds()),
                Integer.toString(row.photos()), row.measuredAt().toString(), quoted(row.how()));
    }

    private static boolean isComment(String line) {
        return line.isBlank() || line.startsWith("#");
    }

    private static String twoPlaces(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String quoted(String value) {
        if (value.contains("\n") || value.contains("\r")) {
            throw new IllegalArgumentException("A speed table value is one line: " + value);
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static List<String> split(String line, int number, String source) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                value.append('"');
                i++;
            } else if (c == '"' && (inQuotes || value.length() == 0)) {
                inQuotes = !inQuotes;
            } else if (c == ',' && !inQuotes) {
                values.add(value.toString());
                value.setLength(0);
            } else {
                value.append(c);
            }
        }
        if (inQuotes) {
            throw new InvalidSpeedTable(source + " line " + number + ": a quoted value is not closed");
        }
        values.add(value.toString());
        return values;
    }

    /** One line's values, read column by column; a value that does not fit says which line and column. */
    private record Cells(List<String> values, int line, String source) {

        String text(int column) {
            String value = values.get(column);
            if (value.isBlank()) {
                throw invalid(column, "is empty");
            }
            return value;
        }

        String matching(int column, Pattern pattern, String expected) {
            String value = values.get(column);
            if (!pattern.matcher(value).matches()) {
                throw invalid(column, "'" + value + "' is not " + expected);
            }
            return value;
        }

        int whole(int column, int minimum) {
            String value = values.get(column);
            if (!WHOLE.matcher(value).matches() || value.length() > 9 || Integer.parseInt(value) < minimum) {
                throw invalid(column, "'" + value + "' is not a whole number of at least " + minimum);
            }
            return Integer.parseInt(value);
        }

        double decimal(int column, boolean aboveZero) {
            String value = values.get(column);
            if (!DECIMAL.matcher(value).matches() || aboveZero && Double.parseDouble(value) <= 0) {
                throw invalid(column, "'" + value + "' is not a decimal number " + (aboveZero ? "above 0" : "of at least 0")
                        + " (digits and a point, e.g. 12.5)");
            }
            return Double.parseDouble(value);
        }

        Instant instant(int column) {
            String value = values.get(column);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(column, "'" + value + "' is not an ISO-8601 UTC instant, e.g. 2026-12-02T21:30:00Z");
            }
        }

        private InvalidSpeedTable invalid(int column, String problem) {
            return new InvalidSpeedTable(source + " line " + line + ", column " + COLUMNS.get(column) + ": " + problem);
        }
    }
}
