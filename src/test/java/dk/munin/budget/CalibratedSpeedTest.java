package dk.munin.budget;

import dk.munin.state.SpeedCalibration;
import dk.munin.state.SpeedEstimate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CalibratedSpeedTest {

    private final DetectorSpeeds table = DetectorSpeeds.fromClasspath();
    private final SpeedCalibration row = table.calibrations().get(0);

    @Test
    void aRowForTheModelWhereItRunsGivesItsSpeedTimesTheSafetyFactor() {
        SpeedEstimate speed = new CalibratedSpeed(table, row::modelSha256, row.host(), 1.15, 1500, 10).estimate();

        assertThat(speed.msPerFrame()).isEqualTo((long) Math.ceil(row.msPerFrame() * 1.15));
        assertThat(speed.startupSeconds()).isEqualTo(row.startupSeconds());
        assertThat(speed.safetyFactor()).isEqualTo(1.15);
        assertThat(speed.calibration().path("model_sha256").asText()).isEqualTo(row.modelSha256());
        assertThat(speed.source()).startsWith("detector-speed.csv: " + row.model() + " on " + row.host());
    }

    @Test
    void withoutARowTheConfiguredGuessIsUsedAndTheEstimateSaysWhy() {
        SpeedEstimate elsewhere = new CalibratedSpeed(table, row::modelSha256, "c5.xlarge", 1.15, 1500, 10).estimate();
        SpeedEstimate unknownModel = new CalibratedSpeed(table, () -> "", row.host(), 1.15, 1500, 10).estimate();
        SpeedEstimate noTable = new CalibratedSpeed(null, row::modelSha256, row.host(), 1.15, 1500, 10).estimate();

        assertThat(elsewhere.msPerFrame()).isEqualTo(1500);
        assertThat(elsewhere.calibration()).isNull();
        assertThat(elsewhere.source()).contains("the calibration table has no row for model " + row.modelSha256().substring(0, 12)
                + "... on c5.xlarge (make bench-calibrate measures one)");
        assertThat(unknownModel.source()).contains("the model's SHA-256 is not known");
        assertThat(noTable.source()).contains("munin.budget.detector-speeds is empty");
        assertThat(noTable.startupSeconds()).isEqualTo(10);
    }
}
