package dk.munin.cluster;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One independent event: consecutive photos of one camera with detections of one category,
 * no two more than the event gap apart. Times are the photos' corrected camera-local times;
 * the UTC instants are null when the camera's time zone is unknown.
 */
public record Event(
        String eventId,
        String station,
        String camera,
        String category,
        LocalDateTime startLocal,
        LocalDateTime endLocal,
        Instant startUtc,
        Instant endUtc,
        int photoCount,
        int detectionCount,
        double maxConf,
        Double latitude,
        Double longitude,
        List<String> files) {

    public boolean hasPosition() {
        return latitude != null && longitude != null;
    }
}
