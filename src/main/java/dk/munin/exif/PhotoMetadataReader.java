package dk.munin.exif;

import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.jpeg.JpegProcessingException;
import com.drew.imaging.jpeg.JpegSegmentMetadataReader;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.jpeg.JpegReader;
import dk.munin.contract.photos.UnreadablePhoto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a photo's time, camera, size, orientation, position and Reconyx maker note with
 * metadata-extractor, from the few segments {@link JpegHeadReader} fetched.
 */
public class PhotoMetadataReader {

    /** EXIF writes "YYYY:MM:DD HH:MM:SS"; some firmware uses '-' or '/' in the date or a 'T'. */
    private static final Pattern EXIF_TIME = Pattern.compile(
            "^\\s*(\\d{4})[:/-](\\d{1,2})[:/-](\\d{1,2})[ T]+(\\d{1,2}):(\\d{1,2}):(\\d{1,2})");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final int NANO_DIGITS = 9;

    private final JpegHeadReader heads;
    private final CameraMakes makes;
    private final long maxImagePixels;

    /** @param maxImagePixels more pixels than this (or zero) is recorded as absurd dimensions */
    public PhotoMetadataReader(JpegHeadReader heads, CameraMakes makes, long maxImagePixels) {
        this.heads = heads;
        this.makes = makes;
        this.maxImagePixels = maxImagePixels;
    }

    /** Reads a whole photo held in memory, through the same segment walk as ranged reads. */
    public PhotoMetadata read(byte[] photo) throws UnreadablePhoto {
        return read(heads.read((start, length) -> slice(photo, start, length), photo.length));
    }

    public PhotoMetadata read(JpegHead head) throws UnreadablePhoto {
        List<String> warnings = new ArrayList<>(head.warnings());
        Metadata metadata = parse(head, warnings);
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        JpegDirectory frame = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        ReconyxMakerNote reconyx = ReconyxMakerNote.of(metadata, ExifMakerNote.find(head.exif()));
        for (Directory directory : metadata.getDirectories()) {
            directory.getErrors().forEach(error -> warnings.add(directory.getName() + ": " + error));
        }

        String makeRaw = raw(ifd0, ExifIFD0Directory.TAG_MAKE);
        String modelRaw = raw(ifd0, ExifIFD0Directory.TAG_MODEL);
        CameraMakes.MakeAndModel camera = makes.normalise(makeRaw, modelRaw, reconyx != null);
        Integer width = integer(frame, JpegDirectory.TAG_IMAGE_WIDTH);
        Integer height = integer(frame, JpegDirectory.TAG_IMAGE_HEIGHT);
        checkDimensions(head, width, height, warnings);

        LocalDateTime exifTime = exifTime(exif, warnings);
        LocalDateTime makerNoteTime = reconyx == null ? null : reconyx.dateTimeOriginal();
        TimeSource source = exifTime != null ? TimeSource.EXIF : makerNoteTime != null ? TimeSource.MAKERNOTE : TimeSource.NONE;
        if (exifTime != null && makerNoteTime != null && !exifTime.withNano(0).equals(makerNoteTime)) {
            warnings.add("EXIF DateTimeOriginal " + exifTime + " differs from the maker note's " + makerNoteTime);
        }
        GeoLocation position = position(metadata.getFirstDirectoryOfType(GpsDirectory.class));
        return new PhotoMetadata(camera.make(), camera.model(), makeRaw, modelRaw,
                trimmed(ifd0, ExifIFD0Directory.TAG_SOFTWARE),
                width, height, integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION),
                source == TimeSource.EXIF ? exifTime : makerNoteTime, source,
                offsetTime(exif, warnings),
                reconyx,
                position == null ? null : position.getLatitude(),
                position == null ? null : position.getLongitude(),
                List.copyOf(warnings));
    }

    /**
     * metadata-extractor records most damage as directory errors, but a badly corrupted segment
     * can still make it throw (also unchecked exceptions). Then the frame header alone is tried,
     * so a photo whose EXIF is broken still gets its size, with a warning.
     */
    private static Metadata parse(JpegHead head, List<String> warnings) throws UnreadablePhoto {
        try {
            return JpegMetadataReader.readMetadata(new ByteArrayInputStream(head.metadataJpeg()),
                    List.<JpegSegmentMetadataReader>of(new JpegReader(), new ExifReader()));
        } catch (JpegProcessingException | IOException | RuntimeException e) {
            try {
                Metadata frameOnly = JpegMetadataReader.readMetadata(new ByteArrayInputStream(head.metadataJpeg()),
                        List.<JpegSegmentMetadataReader>of(new JpegReader()));
                warnings.add("EXIF could not be parsed (" + describe(e) + "); time, camera and position are unknown");
                return frameOnly;
            } catch (JpegProcessingException | IOException | RuntimeException again) {
                throw new UnreadablePhoto("metadata could not be parsed: " + describe(e), head.bytesRead(), e);
            }
        }
    }

    private void checkDimensions(JpegHead head, Integer width, Integer height, List<String> warnings) {
        if (width == null || height == null) {
            if (!head.frameHeader()) {
                warnings.add("no frame header (SOF) before the image data: the pixel size is unknown");
            }
            return;
        }
        if (width <= 0 || height <= 0 || (long) width * height > maxImagePixels) {
            warnings.add("absurd dimensions " + width + "x" + height + " in the frame header (munin.exif.max-image-pixels = "
                    + maxImagePixels + ")");
        }
    }

    private static LocalDateTime exifTime(ExifSubIFDDirectory exif, List<String> warnings) {
        String text = trimmed(exif, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL);
        if (text == null) {
            return null;
        }
        LocalDateTime time = parseExifTime(text);
        if (time == null) {
            warnings.add("DateTimeOriginal '" + text + "' is not a date and time");
            return null;
        }
        String subSeconds = trimmed(exif, ExifSubIFDDirectory.TAG_SUBSECOND_TIME_ORIGINAL);
        if (subSeconds != null) {
            if (DIGITS.matcher(subSeconds).matches()) {
                String nanos = (subSeconds + "0".repeat(NANO_DIGITS)).substring(0, NANO_DIGITS);
                return time.withNano(Integer.parseInt(nanos));
            }
            warnings.add("SubSecTimeOriginal '" + subSeconds + "' is not digits; ignored");
        }
        return time;
    }

    /** "2024:05:17 04:31:09"; "0000:00:00 00:00:00" and other placeholders are no time. */
    static LocalDateTime parseExifTime(String text) {
        Matcher m = EXIF_TIME.matcher(text);
        if (!m.find()) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offsetTime(ExifSubIFDDirectory exif, List<String> warnings) {
        String text = trimmed(exif, ExifSubIFDDirectory.TAG_TIME_ZONE_ORIGINAL);
        if (text == null) {
            return null;
        }
        try {
            return ZoneOffset.of(text);
        } catch (DateTimeException e) {
            warnings.add("OffsetTimeOriginal '" + text + "' is not a UTC offset; ignored");
            return null;
        }
    }

    /**
     * A position needs its N/S and E/W reference tags, and 0,0 is what cameras without a fix
     * write: both count as unknown rather than as a place in the Gulf of Guinea.
     */
    private static GeoLocation position(GpsDirectory gps) {
        if (gps == null
                || trimmed(gps, GpsDirectory.TAG_LATITUDE_REF) == null
                || trimmed(gps, GpsDirectory.TAG_LONGITUDE_REF) == null) {
            return null;
        }
        GeoLocation location = gps.getGeoLocation();
        if (location == null || location.isZero()
                || Double.isNaN(location.getLatitude()) || Double.isNaN(location.getLongitude())
                || Math.abs(location.getLatitude()) > 90 || Math.abs(location.getLongitude()) > 180) {
            return null;
        }
        return location;
    }

    /** The value as stored, without the NUL padding some cameras add; null when the tag is absent. */
    private static String raw(Directory directory, int tag) {
        if (directory == null) {
            return null;
        }
        String value = directory.getString(tag);
        return value == null ? null : value.replace("\0", "");
    }

    private static String trimmed(Directory directory, int tag) {
        String value = raw(directory, tag);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Integer integer(Directory directory, int tag) {
        return directory == null ? null : directory.getInteger(tag);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static byte[] slice(byte[] photo, long start, int length) {
        int from = (int) Math.min(start, photo.length);
        int to = (int) Math.min(photo.length, start + length);
        byte[] slice = new byte[to - from];
        System.arraycopy(photo, from, slice, 0, slice.length);
        return slice;
    }
}
