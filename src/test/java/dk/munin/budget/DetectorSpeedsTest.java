package dk.munin.budget;

import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.state.SpeedCalibration;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Looking a model's speed up by its SHA-256 and host in a table on the classpath. */
class DetectorSpeedsTest {

    private static final String FASTESTDET = "31cb14c017fce347cb4c846ec62fdf00d76bb3beecdf4be21e7116ac67feb880";
    private static final String EPYC = "local:AMD EPYC x2";

    private final DetectorSpeeds speeds = new DetectorSpeeds("dk/munin/budget/detector-speed-test.csv");

    @Test
    void readsEveryRowInOrder() {
        assertThat(speeds.calibrations()).extracting(SpeedCalibration::host).containsExactly(EPYC, EPYC, "c5.xlarge");
        assertThat(speeds.calibrations().get(2).how()).isEqualTo("copied from a run's \"detections.json\"");
    }

    @Test
    void theNewestOfSeveralMeasurementsWins() {
        SpeedCalibration found = speeds.find(FASTESTDET, EPYC).orElseThrow();

        assertThat(found.msPerFrame()).isEqualTo(12.5);
        assertThat(found.startupSeconds()).isEqualTo(0.9);
        assertThat(found.measuredAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void eachHostHasItsOwnSpeed() {
        assertThat(speeds.find(FASTESTDET, DetectorHost.instance("c5.xlarge"))).map(SpeedCalibration::msPerFrame).contains(9.75);
    }

    @Test
    void theShaIsMatchedWhateverItsCase() {
        assertThat(speeds.find(FASTESTDET.toUpperCase(), EPYC)).isPresent();
    }

    @Test
    void anotherModelIsNotCalibrated() {
        assertThat(speeds.find(FASTESTDET.replace('3', '4'), EPYC)).isEmpty();
    }

    @Test
    void anotherHostIsNotCalibrated() {
        assertThat(speeds.find(FASTESTDET, "local:AMD EPYC x4")).isEmpty();
        assertThat(speeds.find(FASTESTDET, "c5.2xlarge")).isEmpty();
    }

    @Test
    void aLeadingSlashNamesTheSameResource() {
        assertThat(new DetectorSpeeds("/dk/munin/budget/detector-speed-test.csv").calibrations()).hasSize(3);
    }

    @Test
    void aMissingTableSaysWhichSettingNamesIt() {
        assertThatThrownBy(() -> new DetectorSpeeds("dk/munin/budget/no-such-table.csv"))
                .isInstanceOf(InvalidSpeedTable.class)
                .hasMessageContaining("dk/munin/budget/no-such-table.csv is not on the classpath")
                .hasMessageContaining("munin.budget.detector-speeds");
    }

    @Test
    void theShippedTableHasAMeasuredRowForTheSharedFastestDet() throws Exception {
        DetectorSpeeds shipped = DetectorSpeeds.fromClasspath();
        String sha256 = SharedData.hasFastestDet() ? sha256(SharedData.fastestDet()) : FASTESTDET;

        assertThat(shipped.calibrations()).anySatisfy(row -> {
            assertThat(row.model()).isEqualTo("FastestDet.onnx");
            assertThat(row.modelSha256()).isEqualTo(sha256);
            assertThat(row.host()).startsWith("local:");
            assertThat(row.input()).isEqualTo("352x352");
            assertThat(row.how()).startsWith("make bench-calibrate:");
        });
    }

    @Test
    void aCalibrationIsWrittenWithTheStateSnakeCaseNames() {
        SpeedCalibration row = speeds.find(FASTESTDET, EPYC).orElseThrow();

        assertThat(Json.parse(Json.write(row)).fieldNames()).toIterable().containsExactly("model", "model_sha256", "input", "host",
                "threads", "ms_per_frame", "startup_seconds", "photos", "measured_at", "how");
        assertThat(Json.parse(Json.write(row)).get("measured_at").asText()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(Json.convert(Json.parse(Json.write(row)), SpeedCalibration.class)).isEqualTo(row);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
