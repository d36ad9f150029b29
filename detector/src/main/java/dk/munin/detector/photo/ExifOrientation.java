package dk.munin.detector.photo;

import dk.munin.contract.jpeg.JpegSegment;
import dk.munin.contract.jpeg.JpegSegmentWalker;
import dk.munin.contract.jpeg.JpegSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads the EXIF Orientation tag (0x0112) of a JPEG. Cameras that store the sensor's pixels
 * unrotated set it instead of turning the image, and viewers (and MegaDetector) show the photo
 * turned: boxes must be given in that displayed frame, so the detector turns the pixels too.
 *
 * <p>Only the first APP1 "Exif" segment's IFD0 is read; anything missing or malformed means
 * "as stored" (1), never a failure: a photo with broken EXIF is still a photo.
 */
public final class ExifOrientation {

    public static final int AS_STORED = 1;

    private static final int ORIENTATION_TAG = 0x0112;
    private static final int TYPE_SHORT = 3;

    private ExifOrientation() {
    }

    /** The orientation 1..8 of {@code jpeg}, or {@link #AS_STORED} when it has none. */
    public static int of(byte[] jpeg) {
        try {
            return find(jpeg);
        } catch (IndexOutOfBoundsException truncated) {
            return AS_STORED;
        }
    }

    /** Orientations 5..8 turn the photo by 90 degrees: displayed width is stored height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * Where the displayed pixel (x, y) lies in the stored raster of {@code storedWidth} ×
     * {@code storedHeight}, as an index {@code sy * storedWidth + sx}.
     */
    public static int storedIndex(int orientation, int x, int y, int storedWidth, int storedHeight) {
        int lastX = storedWidth - 1;
        int lastY = storedHeight - 1;
        return switch (orientation) {
            case 2 -> y * storedWidth + (lastX - x);               // mirrored left-right
            case 3 -> (lastY - y) * storedWidth + (lastX - x);     // turned 180°
            case 4 -> (lastY - y) * storedWidth + x;               // mirrored top-bottom
            case 5 -> x * storedWidth + y;                         // transposed
            case 6 -> (lastY - x) * storedWidth + y;               // shown turned 90° clockwise
            case 7 -> (lastY - x) * storedWidth + (lastX - y);     // transversed
            case 8 -> x * storedWidth + (lastX - y);               // shown turned 90° counter-clockwise
            default -> y * storedWidth + x;
        };
    }

    private static int find(byte[] jpeg) {
        JpegSource source = JpegSource.of(jpeg);
        if (!JpegSegmentWalker.startsWithSoi(source)) {
            return AS_STORED;
        }
        JpegSegmentWalker walker = JpegSegmentWalker.strict(source);
        for (JpegSegment segment = walker.next(); segment != null; segment = walker.next()) {
            if (segment.isExif(source)) {
                return fromTiff(jpeg, (int) segment.exifTiffStart(), (int) segment.end());
            }
        }
        return AS_STORED;
    }

    private static int fromTiff(byte[] jpeg, int tiffStart, int segmentEnd) {
        ByteBuffer tiff = ByteBuffer.wrap(jpeg, tiffStart, Math.min(segmentEnd, jpeg.length) - tiffStart).slice();
        if (tiff.get(0) == 'I' && tiff.get(1) == 'I') {
            tiff.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff.get(0) == 'M' && tiff.get(1) == 'M') {
            tiff.order(ByteOrder.BIG_ENDIAN);
        } else {
            return AS_STORED;
        }
        int ifd0 = tiff.getInt(4);
        int entries = Short.toUnsignedInt(tiff.getShort(ifd0));
        for (int i = 0; i < entries; i++) {
            int entry = ifd0 + 2 + i * 12;
            if (Short.toUnsignedInt(tiff.getShort(entry)) == ORIENTATION_TAG
                    && Short.toUnsignedInt(tiff.getShort(entry + 2)) == TYPE_SHORT) {
                int value = Short.toUnsignedInt(tiff.getShort(entry + 8));
                return value >= 1 && value <= 8 ? value : AS_STORED;
            }
        }
        return AS_STORED;
    }
}
