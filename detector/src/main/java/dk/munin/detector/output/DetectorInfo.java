package dk.munin.detector.output;

import java.time.Instant;
import java.util.Map;

/**
 * What the output's {@code info} block says about the run.
 *
 * @param detector         the model file's name, e.g. {@code FastestDet.onnx}
 * @param completedAt      when the last photo was processed
 * @param detectorMetadata model and threshold details, written as {@code detector_metadata}
 */
public record DetectorInfo(String detector, Instant completedAt, Map<String, Object> detectorMetadata) {
}
