package dk.munin.bench;

import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A calibration run's figures come from the detector's own info, as docs/megadetector-output-format.md shows it. */
class CalibrationRunTest {

    @Test
    void detectTimeAndInputFromTheInfoWallTimeFromTheProcess() {
        CalibrationRun run = CalibrationRun.fromInfo(Json.parse("""
                {"detector": "FastestDet.onnx", "detector_metadata": {
                  "image_size": 352, "model_input_shape": [1, 3, 352, 640], "model_sha256": "abc",
                  "timing": {"photos_timed": 80, "wall_seconds": 1.2, "photos_per_second": 66.7, "threads": 2}}}
                """), 2.5);

        assertThat(run).isEqualTo(new CalibrationRun(2.5, 1.2, 80, 2, "640x352", "FastestDet.onnx", "abc"));
        assertThat(run.msPerFrame()).isEqualTo(15.0);
        assertThat(run.startupSeconds()).isEqualTo(1.3);
    }

    @Test
    void anInfoWithoutTimingIsRefused() {
        assertThatThrownBy(() -> CalibrationRun.fromInfo(Json.parse("{\"detector\": \"x.onnx\", \"detector_metadata\": {}}"), 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no timing");
    }

    @Test
    void theProcessIsStartedAsLocalProcessDetectorStartsIt() {
        assertThat(new CalibrationRun.Command("java", " -Xmx2g  -XX:+UseSerialGC ", Path.of("detector/target/munin-detector.jar"), 0.1)
                .arguments()).isEqualTo(List.of("java", "-Xmx2g", "-XX:+UseSerialGC", "-jar", "detector/target/munin-detector.jar"));
        assertThat(new CalibrationRun.Command("java", "", Path.of("d.jar"), 0.1).arguments()).isEqualTo(List.of("java", "-jar", "d.jar"));
    }
}
