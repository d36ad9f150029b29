package dk.munin.cluster;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One photo's detections of one category above the confidence threshold, with the photo's
 * camera, corrected time and position: the unit Stage-2 groups into events.
 *
 * @param sequenceNumber the photo's frame number in its camera's burst (Reconyx "n of m"),
 *                       null when the camera does not say; orders frames that share a second
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
        Double longitude,
        Integer sequenceNumber) {

    /** A sighting from a camera that does not number its frames. */
    public Sighting(String file, String station, String camera, String category, LocalDateTime localTime, Instant utc,
                    int detectionCount, double maxConf, Double latitude, Double longitude) {
        this(file, station, camera, category, localTime, utc, detectionCount, maxConf, latitude, longitude, null);
    }
}
