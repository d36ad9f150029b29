package dk.munin.exif;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The metadata Stage-0 reads from a photo; any field may be null.
 *
 * @param make               the maker, normalised (see {@link CameraMakes})
 * @param model              the model, normalised
 * @param makeRaw            IFD0 Make as stored (null when the tag is absent)
 * @param modelRaw           IFD0 Model as stored (null when the tag is absent)
 * @param dateTimeOriginal   the camera's clock when the photo was taken, as written
 * @param offsetTimeOriginal EXIF OffsetTimeOriginal: the UTC offset the camera says its clock keeps
 * @param reconyx            the Reconyx maker note, when the photo has one
 * @param warnings           what was odd but did not stop the reading
 */
public record PhotoMetadata(
        String make,
        String model,
        String makeRaw,
        String modelRaw,
        String software,
        Integer width,
        Integer height,
        Integer orientation,
        LocalDateTime dateTimeOriginal,
        TimeSource timeSource,
        ZoneOffset offsetTimeOriginal,
        ReconyxMakerNote reconyx,
        Double latitude,
        Double longitude,
        List<String> warnings) {
}
