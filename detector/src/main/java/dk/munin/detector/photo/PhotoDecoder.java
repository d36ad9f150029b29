package dk.munin.detector.photo;

import dk.munin.contract.photos.UnreadablePhoto;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
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

    /** Decoding at full size. */
    public static final SmallestUseful FULL_SIZE = (width, height) -> new int[] {width, height};

    private PhotoDecoder() {
    }

    public static Photo decode(byte[] bytes) throws UnreadablePhoto {
        return decode(bytes, FULL_SIZE);
    }

    public static Photo decode(byte[] bytes, SmallestUseful smallestUseful) throws UnreadablePhoto {
        if (bytes.length == 0) {
            throw new UnreadablePhoto("empty file (0 bytes)");
        }
        int[] jpegSize = ScaledJpegDecoder.size(bytes);
        if (jpegSize != null) {
            int orientation = ExifOrientation.of(bytes);
            int reduction = dctReduction(jpegSize[0], jpegSize[1], orientation, smallestUseful);
            if (reduction > 1) {
                try {
                    return new Photo(ScaledJpegDecoder.decode(bytes, reduction), orientation, jpegSize[0], jpegSize[1]);
                } catch (ScaledJpegDecoder.Unsupported notForTheFastPath) {
                    // progressive, CMYK, broken, ...: ImageIO below decides, with source subsampling
                }
            }
        }
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
            int orientation = ExifOrientation.of(bytes);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(storedWidth, storedHeight, orientation, smallestUseful);
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            return new Photo(image, orientation, storedWidth, storedHeight);
        } catch (IOException | RuntimeException decoderFailure) {
            throw new UnreadablePhoto("cannot decode image: " + decoderFailure.getMessage(), decoderFailure);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
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
