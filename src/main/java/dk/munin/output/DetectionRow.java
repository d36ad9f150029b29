package dk.munin.output;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One row of detections.parquet: one detector box, with its photo's camera and time and what
 * Stage-2 made of it.
 *
 * @param status       {@link #COUNTED}, {@link #BELOW_THRESHOLD} or {@link #REPEAT_DETECTION}
 * @param repeatReason why a repeat detection was flagged; null otherwise
 * @param eventId      the event the box counts in; null when it counts in none
 */
public record DetectionRow(
        String sessionId,
        String file,
        String station,
        String camera,
        String deploymentId,
        LocalDateTime localTime,
        Instant utc,
        String sequenceId,
        String category,
        double conf,
        double x,
        double y,
        double width,
        double height,
        String status,
        String repeatReason,
        String eventId) {

    public static final String COUNTED = "counted";
    public static final String BELOW_THRESHOLD = "below_threshold";
    public static final String REPEAT_DETECTION = "repeat_detection";
}
