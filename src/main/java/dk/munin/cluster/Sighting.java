package dk.munin.cluster;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One photo's detections of one category above the confidence threshold, with the photo's
 * camera, corrected time and position: the unit Stage-2 groups into events.
 */
public record Sighting(
        String file,
        String station,
        String camera,
        String category,
        LocalDateTime localTime,
        Instant utc,
        int detectionCount,
        double maxConf,
        Double latitude,
        Double longitude) {
}
