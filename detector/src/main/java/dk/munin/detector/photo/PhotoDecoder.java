package dk.munin.detector.photo;

import dk.munin.contract.photos.UnreadablePhoto;
import dk.munin.contract.stage1.ContainerSettings;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a photo file's bytes into pixels, or into the short reason why it cannot.
 *
 * <p>A camera-trap JPEG is 3 to 12 megapixels while a small model looks at 352 × 352: most of
 * the decoded pixels would be thrown away by the resize. {@link #decode(byte[], SmallestUseful)}
 * finds the largest reduction n that keeps the decoded image at least as large as the resize
 * target (so the resize still only ever shrinks), then decodes a baseline JPEG at 1/2, 1/4 or
 * 1/8 scale in the DCT domain ({@link ScaledJpegDecoder}, the largest power of two up to n),
 * or else asks ImageIO for every n-th pixel (source subsampling).
 *
 * <p>Bad input costs no more than its bytes: a baseline JPEG whose data ends before its declared
 * size is decoded only as far as the data goes (the {@link Photo} says how far), and refused as
 * {@code truncated} when less than {@link Limits#minRowsFraction()} of its rows are there, before
 * a raster of the declared size is made; a photo declaring more than {@link Limits#maxPixels()}
 * is not decoded at all. For the photos ImageIO turns into pixels (full size, progressive, other
 * formats) the baseline decoder still measures how many rows the data holds, where it can.
 */
public final class PhotoDecoder {

    static {
        // Decode from memory: ImageIO's default disk cache would write a temporary file per photo.
        ImageIO.setUseCache(false);
    }

    /** The smallest decoded size, in displayed orientation, that is still useful for a photo of the given displayed size. */
    @FunctionalInterface
    public interface SmallestUseful {
        int[] size(int displayWidth, int displayHeight);
    }

    /**
     * What a photo must be to be decoded.
     *
     * @param minRowsFraction the least fraction of its rows a truncated photo must hold (DETECTOR_TRUNCATED_MIN_FRACTION)
     * @param maxPixels       the most pixels its header may declare (DETECTOR_MAX_IMAGE_PIXELS)
     */
    public record Limits(double minRowsFraction, long maxPixels) {
        /** Any photo with at least one whole row of blocks, of any size. */
        public static final Limits NONE = new Limits(0, Long.MAX_VALUE);
    }

    /** Decoding at full size. */
    public static final SmallestUseful FULL_SIZE = (width, height) -> new int[] {width, height};

    private static final String MIN_ROWS_SETTING = ContainerSettings.variable(ContainerSettings.TRUNCATED_MIN_FRACTION);
    private static final String MAX_PIXELS_SETTING = ContainerSettings.variable(ContainerSettings.MAX_IMAGE_PIXELS);
    /** Any Huffman-coded JPEG spends at least one bit on each 8 x 8 luma block (its DC code), progressive ones too. */
    private static final int MIN_BITS_PER_BLOCK = 1;

    private PhotoDecoder() {
    }

    public static Photo decode(byte[] bytes) throws UnreadablePhoto {
        return decode(bytes, FULL_SIZE);
    }

    public static Photo decode(byte[] bytes, SmallestUseful smallestUseful) throws UnreadablePhoto {
        return decode(bytes, smallestUseful, Limits.NONE);
    }

    public static Photo decode(byte[] bytes, SmallestUseful smallestUseful, Limits limits) throws UnreadablePhoto {
        if (bytes.length == 0) {
            throw new UnreadablePhoto("empty file (0 bytes)");
        }
        Integer rowsPresent = null;   // measured by the baseline decoder, for pixels ImageIO makes
        if (ScaledJpegDecoder.size(bytes) != null) {
            int orientation = ExifOrientation.of(bytes);
            try {
                ScaledJpegDecoder jpeg = ScaledJpegDecoder.open(bytes);
                jpeg.requireData(limits.minRowsFraction());
                requireSize(jpeg.width(), jpeg.height(), limits);
                int reduction = dctReduction(jpeg.width(), jpeg.height(), orientation, smallestUseful);
                if (reduction > 1) {
                    ScaledJpegDecoder.Decoded decoded = jpeg.decode(reduction, limits.minRowsFraction());
                    return new Photo(decoded.image(), orientation, jpeg.width(), jpeg.height(), decoded.rowsPresent());
                }
                rowsPresent = jpeg.rowsPresent(limits.minRowsFraction());
            } catch (ScaledJpegDecoder.Truncated tooLittle) {
                throw truncated(tooLittle.getMessage(), limits);
            } catch (ScaledJpegDecoder.Unsupported notForTheFastPath) {
                // progressive, CMYK, broken, ...: ImageIO below decides, with source subsampling
            }
        }
        return decodeWithImageIo(bytes, smallestUseful, limits, rowsPresent);
    }

    private static Photo decodeWithImageIo(byte[] bytes, SmallestUseful smallestUseful, Limits limits, Integer rowsPresent)
            throws UnreadablePhoto {
        ImageReader reader = null;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadablePhoto("not a readable image format");
            }
            reader = readers.next();
            reader.setInput(in, true, true);
            int storedWidth = reader.getWidth(0);
            int storedHeight = reader.getHeight(0);
            if (rowsPresent == null && "jpeg".equalsIgnoreCase(reader.getFormatName())) {
                requireJpegData(bytes.length, storedWidth, storedHeight, limits);
            }
            requireSize(storedWidth, storedHeight, limits);
            int orientation = ExifOrientation.of(bytes);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(storedWidth, storedHeight, orientation, smallestUseful);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (rowsPresent == null || rowsPresent >= storedHeight) {
                return new Photo(image, orientation, storedWidth, storedHeight);
            }
            // ImageIO fills the rows past the data with grey, as libjpeg does: the model is shown the rows before them only
            int keep = Math.min(image.getHeight(), (rowsPresent + step - 1) / step);
            return new Photo(image.getSubimage(0, 0, image.getWidth(), keep), orientation, storedWidth, storedHeight, rowsPresent);
        } catch (IOException | RuntimeException decoderFailure) {
            throw new UnreadablePhoto("cannot decode image: " + decoderFailure.getMessage(), decoderFailure);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    private static void requireSize(int width, int height, Limits limits) throws UnreadablePhoto {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0 || pixels > limits.maxPixels()) {
            throw new UnreadablePhoto(String.format(Locale.ROOT, "absurd dimensions %dx%d in the header: %d pixels, more than %s = %d",
                    width, height, pixels, MAX_PIXELS_SETTING, limits.maxPixels()));
        }
    }

    /**
     * For JPEGs the baseline decoder cannot measure (progressive ones): at one bit a luma block,
     * how many rows the file could hold at most, so a short file claiming a huge size is refused
     * before ImageIO sets up a decoder of that size.
     */
    private static void requireJpegData(long bytes, int width, int height, Limits limits) throws UnreadablePhoto {
        long blocksAcross = (width + 7L) / 8;
        long rows = Math.min(height, bytes * 8 / MIN_BITS_PER_BLOCK / Math.max(1, blocksAcross) * 8);
        if (rows == 0 || rows < limits.minRowsFraction() * height) {
            throw truncated(String.format(Locale.ROOT, "the image data (%d bytes) can hold at most %d of the %d rows "
                    + "of the %dx%d pixels the header declares", bytes, rows, height, width, height), limits);
        }
    }

    private static UnreadablePhoto truncated(String howMuch, Limits limits) {
        return new UnreadablePhoto("truncated: " + howMuch + (limits.minRowsFraction() > 0
                ? String.format(Locale.ROOT, "; at least %.0f %% must be there to detect in it (%s)",
                        limits.minRowsFraction() * 100, MIN_ROWS_SETTING) : ""));
    }

    /**
     * The reduction {@link ScaledJpegDecoder} decodes a baseline JPEG of this stored size at: the
     * largest of 1/2, 1/4 and 1/8 that still covers the useful size, or 1 (then ImageIO decodes it).
     */
    static int dctReduction(int storedWidth, int storedHeight, int orientation, SmallestUseful smallestUseful) {
        return Integer.highestOneBit(Math.min(8, subsampling(storedWidth, storedHeight, orientation, smallestUseful)));
    }

    /** The largest step that keeps ceil(stored / step) at least the useful size on both axes. */
    static int subsampling(int storedWidth, int storedHeight, int orientation, SmallestUseful smallestUseful) {
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int[] useful = smallestUseful.size(swap ? storedHeight : storedWidth, swap ? storedWidth : storedHeight);
        int usefulStoredWidth = Math.max(1, swap ? useful[1] : useful[0]);
        int usefulStoredHeight = Math.max(1, swap ? useful[0] : useful[1]);
        return Math.max(1, Math.min(storedWidth / usefulStoredWidth, storedHeight / usefulStoredHeight));
    }
}
