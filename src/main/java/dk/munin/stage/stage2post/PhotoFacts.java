package dk.munin.stage.stage2post;

import dk.munin.exif.PhotoRecord;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Stage-2 keeps of one images.jsonl line: the fields it counts with, parsed once, and the
 * values many photos share (station, camera, make, ...) held once, so a survey of hundreds of
 * thousands of photos fits in a small heap.
 *
 * @param local the corrected camera-local time; null when unusable
 * @param utc   the corrected instant; null while the camera's UTC offset is unknown
 */
record PhotoFacts(String file, String station, String camera, String deploymentId, String make, String model,
                  String serialNumber, LocalDateTime local, Instant utc, String utcOffset, List<String> issues,
                  Integer sequenceNumber, Long eventNumber, String triggerMode, Double latitude, Double longitude,
                  boolean failed) {

    boolean hasIssues() {
        return !issues.isEmpty();
    }

    /** Makes facts of lines, holding each repeated value once. */
    static final class Reader {

        private final Map<String, String> shared = new HashMap<>();

        PhotoFacts of(PhotoRecord photo) {
            return new PhotoFacts(photo.file(), once(photo.station()), once(photo.camera()), once(photo.deploymentId()),
                    once(photo.make()), once(photo.model()), once(photo.serialNumber()),
                    photo.datetimeLocal() == null ? null : LocalDateTime.parse(photo.datetimeLocal()),
                    photo.datetimeUtc() == null ? null : Instant.parse(photo.datetimeUtc()), once(photo.utcOffset()),
                    photo.issues() == null || photo.issues().isEmpty() ? List.of() : photo.issues().stream().map(this::once).toList(),
                    photo.sequenceNumber(), photo.eventNumber(), once(photo.triggerMode()), photo.latitude(), photo.longitude(),
                    photo.failed());
        }

        private String once(String value) {
            return value == null ? null : shared.computeIfAbsent(value, v -> v);
        }
    }
}
