package dk.munin.output;

import dk.munin.cluster.IndependentRecord;
import dk.munin.contract.storage.Location;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * record_table.csv: the record table with camtrapR's {@code recordTable} columns, names and
 * number formats, so camtrapR's {@code detectionHistory} and activity functions read it as
 * their own: a comma-separated file as R's {@code write.csv} writes it (strings quoted, numbers
 * bare, NA for what is missing). Munin adds one column at the end, TimeUnusable, TRUE for a photo
 * that had no usable time and stands as a record of its own (docs/record-table.md).
 */
public final class RecordTableCsv {

    public static final List<String> COLUMNS = List.of("Station", "Species", "DateTimeOriginal", "Date", "Time",
            "delta.time.secs", "delta.time.mins", "delta.time.hours", "delta.time.days", "Directory", "FileName", "TimeUnusable");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final String NA = "NA";

    private RecordTableCsv() {
    }

    /**
     * @param input where the photos' paths are relative to (input_uri): Directory is the photo's
     *              folder there, a path for a local folder and an s3:// URI for a bucket
     */
    public static byte[] write(List<IndependentRecord> records, Location input) {
        StringBuilder csv = new StringBuilder();
        csv.append(COLUMNS.stream().map(RecordTableCsv::quoted).collect(Collectors.joining(","))).append('\n');
        for (IndependentRecord record : records) {
            csv.append(row(record, input)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String row(IndependentRecord record, Location input) {
        long seconds = record.secondsSincePrevious();
        boolean timed = !record.timeUnusable();
        Location folder = record.photo().directory().isEmpty() ? input : input.asFolder().resolve(record.photo().directory());
        return Stream.of(
                quoted(record.photo().station()),
                quoted(record.photo().species()),
                timed ? quoted(DATE_TIME.format(record.time())) : NA,
                timed ? quoted(DATE.format(record.time())) : NA,
                timed ? quoted(TIME.format(record.time())) : NA,
                Long.toString(seconds),
                rounded(seconds / 60.0, 0),
                rounded(seconds / 3600.0, 1),
                rounded(seconds / 86400.0, 1),
                quoted(folder.isS3() ? folder.uri().replaceFirst("/$", "") : folder.path().toString()),
                quoted(record.photo().fileName()),
                record.timeUnusable() ? "TRUE" : "FALSE").collect(Collectors.joining(","));
    }

    /**
     * R's {@code round(x, digits)} as write.csv prints it: half to even on the double's exact
     * value (43.65 h is 43.6499... and becomes 43.6, as in camtrapR's own tables), no trailing zeros.
     */
    static String rounded(double value, int digits) {
        BigDecimal rounded = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN);
        return rounded.signum() == 0 ? "0" : rounded.stripTrailingZeros().toPlainString();
    }

    /** R's write.csv: a string in double quotes (doubled inside), NA for none. */
    private static String quoted(String text) {
        return text == null ? NA : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
