package dk.munin.detector.photo;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DCT-domain reduced decode against what it stands in for: ImageIO's full decode,
 * box-filtered (area average) to the same size, on every shared photo the detector decodes at
 * reduced scale, at each of 1/2, 1/4 and 1/8.
 */
class ReducedDecodeAccuracyTest {

    /**
     * The largest mean absolute error allowed, per photo, reduction and channel (R, G, B), in
     * levels of 0..255. Measured on the 40 shared photos (docs/detector.md, "Speed"): at worst
     * 3.98 at 1/2, 4.56 at 1/4, 3.43 at 1/8, most of it chroma (the decoder repeats chroma
     * samples where libjpeg interpolates them). 6.0 leaves about a third on top for other JPEG
     * encoders, and still fails every decoder fault tried on them at 1/4 (worst photo): only DC
     * coefficients kept (15.4), every pixel moved by one (22.0), chroma lost (32.2), red and blue
     * swapped (42.1).
     */
    static final double MAX_MEAN_ABSOLUTE_ERROR = 6.0;

    /** All of them: a photo that silently left the reduced path would otherwise go unchecked. */
    private static final int SHARED_PHOTOS_AT_REDUCED_SCALE = 40;
    private static final int[] REDUCTIONS = {2, 4, 8};
    private static final String[] CHANNELS = {"R", "G", "B"};
    /** speciesnet_test_data/african_elephants_truncated_file.jpg holds data for 1328 of its 1536 rows. */
    private static final int TRUNCATED_FILE_ROWS = 1328;

    @Test
    void everyReducedDecodeIsWithinTheBoundOfTheBoxFilteredFullDecode() throws Exception {
        List<ReducedScalePhotos.Photo> photos = ReducedScalePhotos.forFastestDet();
        assertEquals(SHARED_PHOTOS_AT_REDUCED_SCALE, photos.size(), "shared photos decoded at reduced scale");
        List<String> beyond = new ArrayList<>();
        double[] worst = new double[REDUCTIONS.length];
        for (ReducedScalePhotos.Photo photo : photos) {
            BufferedImage full = fullDecode(photo);
            for (int i = 0; i < REDUCTIONS.length; i++) {
                int reduction = REDUCTIONS[i];
                ScaledJpegDecoder.Decoded decoded = ScaledJpegDecoder.decode(photo.bytes(), reduction, 0);
                BufferedImage reduced = decoded.image();
                // the truncated file is decoded as far as its data goes, and compared there
                int rows = photo.name().contains("truncated") ? TRUNCATED_FILE_ROWS : full.getHeight();
                assertEquals(rows, decoded.rowsPresent(), photo.name());
                assertEquals((full.getWidth() + reduction - 1) / reduction, reduced.getWidth(), photo.name());
                assertEquals((rows + reduction - 1) / reduction, reduced.getHeight(), photo.name());
                double[] error = meanAbsoluteError(reduced, full, reduction);
                for (int channel = 0; channel < CHANNELS.length; channel++) {
                    worst[i] = Math.max(worst[i], error[channel]);
                    if (error[channel] > MAX_MEAN_ABSOLUTE_ERROR) {
                        beyond.add(String.format(Locale.ROOT, "%s at 1/%d, %s: %.2f", photo.name(), reduction, CHANNELS[channel], error[channel]));
                    }
                }
            }
        }
        assertEquals(List.of(), beyond, String.format(Locale.ROOT,
                "mean absolute error above %.1f (worst at 1/2, 1/4, 1/8: %.2f, %.2f, %.2f)",
                MAX_MEAN_ABSOLUTE_ERROR, worst[0], worst[1], worst[2]));
    }

    /** The bound is not so loose that a broken decoder passes: two faults, on the photo with the most detail. */
    @Test
    void theBoundCatchesADecoderThatDropsDetailOrMisplacesBlocks() throws Exception {
        ReducedScalePhotos.Photo elephants = ReducedScalePhotos.forFastestDet().stream()
                .filter(photo -> photo.name().equals("speciesnet_test_data/african_elephants.jpg")).findFirst().orElseThrow();
        BufferedImage full = fullDecode(elephants);
        BufferedImage quarter = ScaledJpegDecoder.decode(elephants.bytes(), 4);
        BufferedImage eighth = ScaledJpegDecoder.decode(elephants.bytes(), 8);
        BufferedImage dcOnly = new BufferedImage(quarter.getWidth(), quarter.getHeight(), BufferedImage.TYPE_INT_RGB);
        BufferedImage shifted = new BufferedImage(quarter.getWidth(), quarter.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < quarter.getHeight(); y++) {
            for (int x = 0; x < quarter.getWidth(); x++) {
                dcOnly.setRGB(x, y, eighth.getRGB(x / 2, y / 2));   // what a 1/4 decode that kept only each block's DC would give
                shifted.setRGB(x, y, quarter.getRGB(Math.max(0, x - 1), y));
            }
        }

        assertTrue(max(meanAbsoluteError(quarter, full, 4)) <= MAX_MEAN_ABSOLUTE_ERROR);
        assertTrue(max(meanAbsoluteError(dcOnly, full, 4)) > MAX_MEAN_ABSOLUTE_ERROR);
        assertTrue(max(meanAbsoluteError(shifted, full, 4)) > MAX_MEAN_ABSOLUTE_ERROR);
    }

    private static BufferedImage fullDecode(ReducedScalePhotos.Photo photo) throws IOException {
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(photo.bytes()));
        assertTrue(full != null, "ImageIO decodes " + photo.name());
        return full;
    }

    /**
     * Per channel, the mean over the reduced image's pixels of |reduced − the average of the
     * full-size pixels it covers|; a pixel at the right or bottom edge covers only what is there.
     */
    static double[] meanAbsoluteError(BufferedImage reduced, BufferedImage full, int reduction) {
        int width = reduced.getWidth();
        int height = reduced.getHeight();
        int fullWidth = full.getWidth();
        int fullHeight = full.getHeight();
        int[] fullPixels = full.getRGB(0, 0, fullWidth, fullHeight, null, 0, fullWidth);
        int[] reducedPixels = reduced.getRGB(0, 0, width, height, null, 0, width);
        double[] sum = new double[3];
        double[] area = new double[3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                area[0] = 0;
                area[1] = 0;
                area[2] = 0;
                int count = 0;
                for (int fy = y * reduction; fy < Math.min(fullHeight, (y + 1) * reduction); fy++) {
                    for (int fx = x * reduction; fx < Math.min(fullWidth, (x + 1) * reduction); fx++) {
                        int rgb = fullPixels[fy * fullWidth + fx];
                        area[0] += (rgb >> 16) & 0xFF;
                        area[1] += (rgb >> 8) & 0xFF;
                        area[2] += rgb & 0xFF;
                        count++;
                    }
                }
                int rgb = reducedPixels[y * width + x];
                sum[0] += Math.abs(((rgb >> 16) & 0xFF) - area[0] / count);
                sum[1] += Math.abs(((rgb >> 8) & 0xFF) - area[1] / count);
                sum[2] += Math.abs((rgb & 0xFF) - area[2] / count);
            }
        }
        double pixels = (double) width * height;
        return new double[] {sum[0] / pixels, sum[1] / pixels, sum[2] / pixels};
    }

    private static double max(double[] values) {
        return Math.max(values[0], Math.max(values[1], values[2]));
    }
}
