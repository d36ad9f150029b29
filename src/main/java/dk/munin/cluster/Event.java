package dk.munin.cluster;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * One independent event: an independent record (record_table.csv's row) with the photos of the
 * same species at the same station (or camera) that follow it before the next record. Times
 * are the photos' corrected camera-local times; the UTC instants are null when the camera's
 * time zone is unknown.
 *
 * @param species         the human label (species_from folder) or the detector category
 * @param speciesFrom     {@code folder} or {@code detector}: where the species came from
 * @param detectionCount  boxes that count (at or above their threshold, not repeat detections)
 * @param maxBoxesInPhoto the most such boxes in one photo: a minimum count of individuals
 * @param maxConf         the highest confidence of those boxes; null when a labelled event has none
 * @param bestFile        the photo with the most confident box, else the record's photo
 * @param bestBox         that box; null when the event has none
 * @param timeUnusable    the photo had no usable time: an event of its own, never merged
 * @param timestampIssues the Stage-0 timestamp issues of its photos, each once
 * @param sequences       the sequences (bursts) its photos belong to
 * @param files           its photos, relative to input_uri, in time order
 */
public record Event(
        String eventId,
        String station,
        String camera,
        String species,
        String speciesFrom,
        LocalDateTime startLocal,
        LocalDateTime endLocal,
        Instant startUtc,
        Instant endUtc,
        int photoCount,
        int detectionCount,
        int maxBoxesInPhoto,
        Double maxConf,
        String bestFile,
        Box bestBox,
        Double latitude,
        Double longitude,
        boolean timeUnusable,
        List<String> timestampIssues,
        List<String> sequences,
        List<String> files) {

    /** A detector box: MegaDetector category name, confidence, and [x, y, w, h] relative to the image. */
    public record Box(String category, double conf, List<Double> bbox) {

        static Box of(CameraBox box) {
            return new Box(box.category(), box.conf(), List.of(box.x(), box.y(), box.w(), box.h()));
        }
    }

    public boolean hasPosition() {
        return latitude != null && longitude != null;
    }
}
