package dk.munin.cluster;

import java.time.LocalDateTime;

/**
 * One row of the record table: a photo that starts an independent record of its species at its
 * station (or camera).
 *
 * @param photo             the photo
 * @param secondsSincePrevious the time since the record it was compared with ({@link DeltaTimeComparedTo}),
 *                          0 for the first record of the species there and for a photo without a usable time
 * @param timeUnusable      the photo had no usable time: it stands as a record of its own, never merged
 */
public record IndependentRecord(Photograph photo, long secondsSincePrevious, boolean timeUnusable) {

    public LocalDateTime time() {
        return photo.localTime();
    }
}
