package dk.munin.cluster;

import java.time.Instant;
import java.util.List;

/**
 * One photo of one species (or detector category) with what Stage-2 knows of it: the unit of
 * records and events.
 *
 * @param photograph as the record table sees it
 * @param utc        the photo's corrected instant; null while its camera's UTC offset is unknown
 * @param issues     its Stage-0 timestamp issues
 * @param sequenceId the sequence (burst) it belongs to
 * @param boxes      its boxes that count (at or above their threshold, not repeat detections);
 *                   a photo labelled by its folder may have none
 */
public record Sighting(Photograph photograph, Instant utc, Double latitude, Double longitude, List<String> issues,
                       String sequenceId, List<CameraBox> boxes) {

    public Sighting {
        issues = issues == null ? List.of() : List.copyOf(issues);
        boxes = List.copyOf(boxes);
    }
}
