package dk.munin.budget;

import dk.munin.state.SpeedCalibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The speed table's text: comments, the header, rows, and a message naming line and column for each mistake. */
class DetectorSpeedTableTest {

    private static final String SHA = "31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880";
    private static final String ROW = "FastestDet.onnx," + SHA + ",352x352,local:AMD EPYC x2,2,12.34,0.95,83,2026-12-02T21:30:00Z,"
            + "\"make bench-calibrate: java -Xmx2g -jar munin-detector.jar over ../shared/data/images (83 photos), median of 3 runs\"";

    private static String table(String... rows) {
        return "# a comment\n#\n" + DetectorSpeedTable.HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    @Test
    void readsARowWithAQuotedSentence() {
        List<SpeedCalibration> rows = DetectorSpeedTable.parse(table(ROW), "t.csv");

        assertThat(rows).containsExactly(new SpeedCalibration("FastestDet.onnx", SHA, "352x352", "local:AMD EPYC x2", 2, 12.34, 0.95,
                83, Instant.parse("2026-12-02T21:30:00Z"),
                "make bench-calibrate: java -Xmx2g -jar munin-detector.jar over ../shared/data/images (83 photos), median of 3 runs"));
    }

    @Test
    void aTableWithoutRowsIsEmptyAndBlankLinesAreSkipped() {
        assertThat(DetectorSpeedTable.parse("# only comments\n\n" + DetectorSpeedTable.HEADER + "\n\n", "t.csv")).isEmpty();
    }

    @Test
    void windowsLineEndingsReadTheSame() {
        assertThat(DetectorSpeedTable.parse(table(ROW).replace("\n", "\r\n"), "t.csv")).hasSize(1);
    }

    @Test
    void formattingARowReadsBackTheSame() {
        SpeedCalibration row = new SpeedCalibration("odd, \"name\".onnx", SHA, "640x480", "c5.xlarge", 4, 1500, 3.456, 10,
                Instant.parse("2026-12-02T21:30:00Z"), "copied, by hand, from a run");
        String line = DetectorSpeedTable.format(row);

        assertThat(line).isEqualTo("\"odd, \"\"name\"\".onnx\"," + SHA + ",640x480,c5.xlarge,4,1500.00,3.46,10,2026-12-02T21:30:00Z,"
                + "\"copied, by hand, from a run\"");
        assertThat(DetectorSpeedTable.parse(table(line), "t.csv").get(0))
                .isEqualTo(new SpeedCalibration(row.model(), SHA, "640x480", "c5.xlarge", 4, 1500, 3.46, 10, row.measuredAt(), row.how()));
    }

    @Test
    void theHeaderMustComeBeforeTheRows() {
        assertThatThrownBy(() -> DetectorSpeedTable.parse("# comment\n" + ROW + "\n", "t.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessage("t.csv line 2: expected the header '" + DetectorSpeedTable.HEADER + "' before the first row, found '" + ROW + "'");
        assertThatThrownBy(() -> DetectorSpeedTable.parse("# nothing else\n", "t.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessage("t.csv has no header line '" + DetectorSpeedTable.HEADER + "'");
    }

    @Test
    void aRowWithTooFewColumnsSaysHowManyItHas() {
        assertThatThrownBy(() -> DetectorSpeedTable.parse(table(ROW, "FastestDet.onnx," + SHA + ",352x352"), "t.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessage("t.csv line 5: 3 columns, expected 10 (" + DetectorSpeedTable.HEADER + ")");
    }

    @Test
    void anUnclosedQuoteIsNamed() {
        assertThatThrownBy(() -> DetectorSpeedTable.parse(table(ROW.substring(0, ROW.length() - 1)), "t.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessage("t.csv line 4: a quoted value is not closed");
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "model           |                      | is empty",
        "model_sha256    | 31CB14C0             | '31CB14C0' is not 64 lower-case hex digits",
        "input           | 352                  | '352' is not <width>x<height>, e.g. 352x352",
        "host            |                      | is empty",
        "threads         | 0                    | '0' is not a whole number of at least 1",
        "threads         | two                  | 'two' is not a whole number of at least 1",
        "ms_per_frame    | 0                    | '0' is not a decimal number above 0 (digits and a point, e.g. 12.5)",
        "ms_per_frame    | NaN                  | 'NaN' is not a decimal number above 0 (digits and a point, e.g. 12.5)",
        "startup_seconds | -1.0                 | '-1.0' is not a decimal number of at least 0 (digits and a point, e.g. 12.5)",
        "photos          | 12.5                 | '12.5' is not a whole number of at least 1",
        "measured_at     | 2026-12-02 21:30     | '2026-12-02 21:30' is not an ISO-8601 UTC instant, e.g. 2026-12-02T21:30:00Z",
        "how             |                      | is empty",
    })
    void aBadValueNamesItsLineAndColumn(String column, String value, String problem) {
        String row = withValue(column, value == null ? "" : value);

        assertThatThrownBy(() -> DetectorSpeedTable.parse(table(ROW, row), "dk/munin/budget/detector-speed.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessage("dk/munin/budget/detector-speed.csv line 5, column " + column + ": " + problem);
    }

    @Test
    void aSecondHeaderIsNotARow() {
        assertThat(DetectorSpeedTable.isRow(DetectorSpeedTable.HEADER)).isFalse();
        assertThat(DetectorSpeedTable.isRow("# comment")).isFalse();
        assertThat(DetectorSpeedTable.isRow("  ")).isFalse();
        assertThat(DetectorSpeedTable.isRow(ROW)).isTrue();
    }

    /** ROW with one column's value replaced. */
    private static String withValue(String column, String value) {
        String[] values = ROW.substring(0, ROW.indexOf(",\"make")).split(",", -1);
        String[] all = new String[DetectorSpeedTable.COLUMNS.size()];
        System.arraycopy(values, 0, all, 0, values.length);
        all[all.length - 1] = "measured";
        all[DetectorSpeedTable.COLUMNS.indexOf(column)] = value;
        return String.join(",", all);
    }
}
