package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a file's {@code info} block says besides its format version.
 *
 * @param detector         the model, e.g. {@code FastestDet.onnx}, or the tool a precomputed file came from
 * @param completionTime   {@code detection_completion_time}, as MegaDetector writes it ({@link #completionTime(Instant)})
 * @param detectorMetadata {@code detector_metadata}; its keys are the writer's (docs/megadetector-output-format.md)
 */
public record BatchInfo(String detector, String completionTime, ObjectNode detectorMetadata) {

    /** MegaDetector writes its completion time like this; Munin writes it in UTC. */
    private static final DateTimeFormatter COMPLETION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The pattern of {@link #completionTime}, for checking files. */
    public static final String COMPLETION_TIME_PATTERN = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    public static String completionTime(Instant time) {
        return COMPLETION_TIME.format(time);
    }
}
