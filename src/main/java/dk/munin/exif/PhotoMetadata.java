package dk.munin.exif;

import java.time.LocalDateTime;

/** The metadata fields Stage-0 reads from a photo; any of them may be null. */
public record PhotoMetadata(
        String make,
        String model,
        Integer width,
        Integer height,
        Integer orientation,
        LocalDateTime dateTimeOriginal,
        Double latitude,
        Double longitude) {
}
