package dk.munin.exif;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegDirectory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads a photo's time, camera, size and position with metadata-extractor. */
public class PhotoMetadataReader {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    public PhotoMetadata read(byte[] photo) throws UnreadablePhoto {
        if (photo.length == 0) {
            throw new UnreadablePhoto("empty file (0 bytes)");
        }
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo), photo.length);
        } catch (ImageProcessingException | IOException e) {
            throw new UnreadablePhoto("not a readable image: " + e.getMessage(), e);
        }
        ExifIFD0Directory ifd0 = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        GeoLocation position = position(metadata.getFirstDirectoryOfType(GpsDirectory.class));
        return new PhotoMetadata(
                trimmed(ifd0, ExifIFD0Directory.TAG_MAKE),
                trimmed(ifd0, ExifIFD0Directory.TAG_MODEL),
                integer(jpeg, JpegDirectory.TAG_IMAGE_WIDTH),
                integer(jpeg, JpegDirectory.TAG_IMAGE_HEIGHT),
                integer(ifd0, ExifIFD0Directory.TAG_ORIENTATION),
                dateTime(exif, ExifSubIFDDirectory.TAG_DATETIME_ORIGINAL),
                position == null ? null : position.getLatitude(),
                position == null ? null : position.getLongitude());
    }

    /**
     * A position needs its N/S and E/W reference tags, and 0,0 is what cameras without a fix
     * write: both count as unknown rather than as a place in the Gulf of Guinea.
     */
    private static GeoLocation position(GpsDirectory gps) {
        if (gps == null
                || gps.getString(GpsDirectory.TAG_LATITUDE_REF) == null || gps.getString(GpsDirectory.TAG_LATITUDE_REF).isBlank()
                || gps.getString(GpsDirectory.TAG_LONGITUDE_REF) == null || gps.getString(GpsDirectory.TAG_LONGITUDE_REF).isBlank()) {
            return null;
        }
        GeoLocation location = gps.getGeoLocation();
        if (location == null || location.isZero()) {
            return null;
        }
        return location;
    }

    private static LocalDateTime dateTime(Directory directory, int tag) {
        String text = trimmed(directory, tag);
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, EXIF_TIME);
        } catch (DateTimeParseException e) {
            return null; // "0000:00:00 00:00:00" and other placeholders: no usable time
        }
    }

    private static String trimmed(Directory directory, int tag) {
        if (directory == null) {
            return null;
        }
        String value = directory.getString(tag);
        if (value == null) {
            return null;
        }
        String trimmed = value.replace('\0', ' ').trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static Integer integer(Directory directory, int tag) {
        return directory == null ? null : directory.getInteger(tag);
    }
}
