package dk.munin.testing;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffDirectoryType;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.taginfos.TagInfoAscii;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Camera-trap-like JPEGs made by the tests themselves: pixels from Java2D, EXIF (Make, Model,
 * DateTimeOriginal with sub-seconds and offset, GPS, a MakerNote) written by Apache Commons
 * Imaging, an independent EXIF writer.
 */
public final class TestPhotos {

    private static final DateTimeFormatter EXIF_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");
    /** EXIF 2.31's OffsetTimeOriginal (0x9011), which Commons Imaging has no constant for. */
    private static final TagInfoAscii OFFSET_TIME_ORIGINAL =
            new TagInfoAscii("OffsetTimeOriginal", 0x9011, 7, TiffDirectoryType.EXIF_DIRECTORY_EXIF_IFD);

    private TestPhotos() {
    }

    public static Builder jpeg() {
        return new Builder();
    }

    public static final class Builder {
        private int width = 320;
        private int height = 240;
        private String make;
        private String model;
        private LocalDateTime taken;
        private Double latitude;
        private Double longitude;
        private String subSeconds;
        private String offsetTime;
        private byte[] makerNote;
        private byte[] scene;

        public Builder size(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder camera(String make, String model) {
            this.make = make;
            this.model = model;
            return this;
        }

        public Builder taken(LocalDateTime taken) {
            this.taken = taken;
            return this;
        }

        public Builder gps(double latitude, double longitude) {
            this.latitude = latitude;
            this.longitude = longitude;
            return this;
        }

        /** EXIF SubSecTimeOriginal, e.g. "25" for .25 s. */
        public Builder subSeconds(String digits) {
            this.subSeconds = digits;
            return this;
        }

        /** EXIF OffsetTimeOriginal, e.g. "+02:00". */
        public Builder offsetTime(String offset) {
            this.offsetTime = offset;
            return this;
        }

        /** The raw bytes of EXIF's MakerNote tag. */
        public Builder makerNote(byte[] bytes) {
            this.makerNote = bytes.clone();
            return this;
        }

        /** A JPEG (without EXIF) to write the EXIF into instead of the drawn scene; {@link #size} then does nothing. */
        public Builder scene(byte[] jpeg) {
            this.scene = jpeg.clone();
            return this;
        }

        public byte[] bytes() {
            try {
                byte[] plain = scene != null ? scene.clone() : pixels();
                if (make == null && model == null && taken == null && latitude == null && makerNote == null) {
                    return plain;
                }
                TiffOutputSet exif = new TiffOutputSet();
                TiffOutputDirectory root = exif.getOrCreateRootDirectory();
                if (make != null) {
                    root.add(TiffTagConstants.TIFF_TAG_MAKE, make);
                }
                if (model != null) {
                    root.add(TiffTagConstants.TIFF_TAG_MODEL, model);
                }
                if (taken != null) {
                    exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TIME.format(taken));
                }
                if (subSeconds != null) {
                    exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_SUB_SEC_TIME_ORIGINAL, subSeconds);
                }
                if (offsetTime != null) {
                    exif.getOrCreateExifDirectory().add(OFFSET_TIME_ORIGINAL, offsetTime);
                }
                if (makerNote != null) {
                    exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_MAKER_NOTE, makerNote);
                }
                if (latitude != null) {
                    exif.setGpsInDegrees(longitude, latitude);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                new ExifRewriter().updateExifMetadataLossless(plain, out, exif);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot write the test photo's EXIF", e);
            }
        }

        public Path writeTo(Path file) {
            try {
                Files.createDirectories(file.getParent());
                return Files.write(file, bytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A grey scene with a darker blob, so the JPEG is not trivially uniform. */
        private byte[] pixels() throws IOException {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(new Color(120, 130, 110));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(60, 50, 40));
            g.fillOval(width / 3, height / 3, width / 4, height / 4);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            return out.toByteArray();
        }
    }
}
