package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * One measured row of the detector speed table ({@code dk/munin/budget/detector-speed.csv}): how
 * fast one model ran on one host, and how and when that was measured, so an estimate built on it
 * can say where its ms per frame came from.
 *
 * @param model          the model file's name, e.g. FastestDet.onnx
 * @param modelSha256    the model file's SHA-256, lower-case hex: what a row is looked up by
 * @param input          the model input the detector used, {@code <width>x<height>}; informational,
 *                       since it follows from the model
 * @param host           where it ran: {@code local:<cpu model> x<processors>}, or an AWS instance type
 * @param threads        DETECTOR_THREADS of the runs
 * @param msPerFrame     steady-state detector time per photo, start-up excluded
 * @param startupSeconds the process's wall time less its detect time (JVM start, model load,
 *                       writing the output): what each shard pays once
 * @param photos         photos each run timed
 * @param measuredAt     when it was measured
 * @param how            how it was measured, in a sentence
 */
public record SpeedCalibration(
        @JsonProperty(value = "model", required = true) String model,
        @JsonProperty(value = "model_sha256", required = true) String modelSha256,
        @JsonProperty(value = "input", required = true) String input,
        @JsonProperty(value = "host", required = true) String host,
        @JsonProperty(value = "threads", required = true) int threads,
        @JsonProperty(value = "ms_per_frame", required = true) double msPerFrame,
        @JsonProperty(value = "startup_seconds", required = true) double startupSeconds,
        @JsonProperty(value = "photos", required = true) int photos,
        @JsonProperty(value = "measured_at", required = true) Instant measuredAt,
        @JsonProperty(value = "how", required = true) String how) {
}
