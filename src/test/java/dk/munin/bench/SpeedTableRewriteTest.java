package dk.munin.bench;

import dk.munin.budget.DetectorSpeedTable;
import dk.munin.budget.InvalidSpeedTable;
import dk.munin.state.SpeedCalibration;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** make bench-calibrate changes its own row of the speed table and nothing else. */
class SpeedTableRewriteTest {

    private static final String FASTESTDET = "31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880";
    private static final String OTHER_MODEL = "0".repeat(64);
    private static final String COMMENTS = "# The detector speed table.\n#   model   the model file's name\n#\n";
    // Written by hand, not by format(): kept as it is, odd spacing of the sentence and all.
    private static final String EPYC_ROW = "FastestDet.onnx," + FASTESTDET + ",352x352,local:AMD EPYC x2,2,14.20,1.10,83,"
            + "2026-11-01T10:00:00Z,\"first run, by hand\"";
    private static final String C5_ROW = "FastestDet.onnx," + FASTESTDET + ",352x352,c5.xlarge,4,9.75,3.20,83,2026-11-15T10:00:00Z,copied";
    private static final String OTHER_ROW = "md_v5a.0.0.onnx," + OTHER_MODEL + ",1280x1280,local:AMD EPYC x2,2,900.00,2.00,83,"
            + "2026-11-02T10:00:00Z,measured";
    private static final String TABLE = COMMENTS + DetectorSpeedTable.HEADER + "\n" + EPYC_ROW + "\n" + C5_ROW + "\n" + OTHER_ROW + "\n";

    private static SpeedCalibration measured(String host) {
        return new SpeedCalibration("FastestDet.onnx", FASTESTDET, "352x352", host, 2, 12.5, 0.9, 83,
                Instant.parse("2026-12-02T21:30:00Z"), "make bench-calibrate: java -Xmx2g -jar munin-detector.jar, median of 3 runs");
    }

    @Test
    void theRowOfTheSameModelAndHostIsReplacedInPlace() {
        String rewritten = SpeedTableRewrite.withRow(TABLE, measured("local:AMD EPYC x2"), "t.csv");

        assertThat(rewritten).isEqualTo(COMMENTS + DetectorSpeedTable.HEADER + "\n" + DetectorSpeedTable.format(measured("local:AMD EPYC x2"))
                + "\n" + C5_ROW + "\n" + OTHER_ROW + "\n");
    }

    @Test
    void aNewHostIsAddedAtTheEnd() {
        String rewritten = SpeedTableRewrite.withRow(TABLE, measured("local:Intel Xeon x8"), "t.csv");

        assertThat(rewritten).isEqualTo(TABLE + DetectorSpeedTable.format(measured("local:Intel Xeon x8")) + "\n");
    }

    @Test
    void aTableWithoutRowsGetsItsFirst() {
        String empty = COMMENTS + DetectorSpeedTable.HEADER + "\n";

        assertThat(SpeedTableRewrite.withRow(empty, measured("local:AMD EPYC x2"), "t.csv"))
                .isEqualTo(empty + DetectorSpeedTable.format(measured("local:AMD EPYC x2")) + "\n");
        assertThat(SpeedTableRewrite.withRow(COMMENTS + DetectorSpeedTable.HEADER, measured("local:AMD EPYC x2"), "t.csv"))
                .isEqualTo(empty + DetectorSpeedTable.format(measured("local:AMD EPYC x2")) + "\n");
    }

    @Test
    void ofTwoRowsForTheSameKeyTheNewestIsReplacedAndTheOlderKept() {
        String older = EPYC_ROW.replace("2026-11-01T10:00:00Z", "2026-10-01T10:00:00Z").replace("14.20", "15.00");
        String table = COMMENTS + DetectorSpeedTable.HEADER + "\n" + EPYC_ROW + "\n" + older + "\n";

        assertThat(SpeedTableRewrite.withRow(table, measured("local:AMD EPYC x2"), "t.csv")).isEqualTo(COMMENTS
                + DetectorSpeedTable.HEADER + "\n" + DetectorSpeedTable.format(measured("local:AMD EPYC x2")) + "\n" + older + "\n");
    }

    @Test
    void otherLinesKeepTheirWindowsLineEndings() {
        String windows = TABLE.replace("\n", "\r\n");

        assertThat(SpeedTableRewrite.withRow(windows, measured("c5.xlarge"), "t.csv"))
                .isEqualTo(windows.replace(C5_ROW, DetectorSpeedTable.format(measured("c5.xlarge"))));
    }

    @Test
    void theRewrittenTableReadsBackWithTheNewFigure() {
        String rewritten = SpeedTableRewrite.withRow(TABLE, measured("local:AMD EPYC x2"), "t.csv");

        assertThat(DetectorSpeedTable.parse(rewritten, "t.csv")).hasSize(3).contains(measured("local:AMD EPYC x2"));
    }

    @Test
    void aBrokenTableIsNotRewritten() {
        assertThatThrownBy(() -> SpeedTableRewrite.withRow(TABLE + "FastestDet.onnx,not-a-sha\n", measured("c5.xlarge"), "t.csv"))
                .isInstanceOf(InvalidSpeedTable.class).hasMessageStartingWith("t.csv line 8:");
    }
}
