package dk.munin.detector.photo;

import dk.munin.contract.testing.JpegEdits;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaledJpegDecoderTest {

    /** 128 × 64: red left half, blue right half, a white square top-left. */
    private static BufferedImage redBlue(int type) {
        BufferedImage image = new BufferedImage(128, 64, type);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(200, 30, 30));
        graphics.fillRect(0, 0, 64, 64);
        graphics.setColor(new Color(30, 30, 200));
        graphics.fillRect(64, 0, 64, 64);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, 32, 32);
        graphics.dispose();
        return image;
    }

    private static byte[] jpeg(BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void assertColour(int expectedRgb, int actualRgb, int tolerance) {
        for (int shift : new int[] {16, 8, 0}) {
            int expected = (expectedRgb >> shift) & 0xFF;
            int actual = (actualRgb >> shift) & 0xFF;
            assertTrue(Math.abs(expected - actual) <= tolerance,
                    String.format("expected %06x, got %06x", expectedRgb & 0xFFFFFF, actualRgb & 0xFFFFFF));
        }
    }

    @Test
    void decodesEachBlockToItsAverageColourAtOneEighth() throws Exception {
        BufferedImage decoded = ScaledJpegDecoder.decode(jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false), 8);

        assertEquals(16, decoded.getWidth());
        assertEquals(8, decoded.getHeight());
        assertColour(0xFFFFFF, decoded.getRGB(1, 1), 6);
        assertColour(0xC81E1E, decoded.getRGB(6, 6), 12);     // red, chroma subsampled 2x2 by the writer
        assertColour(0x1E1EC8, decoded.getRGB(12, 4), 12);    // blue
    }

    @Test
    void quarterAndHalfScaleKeepTheShapes() throws Exception {
        byte[] bytes = jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false);
        for (int reduction : new int[] {2, 4}) {
            BufferedImage decoded = ScaledJpegDecoder.decode(bytes, reduction);
            int scale = 8 / reduction;
            assertEquals(128 / reduction, decoded.getWidth());
            assertColour(0xFFFFFF, decoded.getRGB(scale, scale), 8);
            assertColour(0x1E1EC8, decoded.getRGB(decoded.getWidth() - scale, decoded.getHeight() - scale), 14);
        }
    }

    @Test
    void decodesGreyscale() throws Exception {
        BufferedImage decoded = ScaledJpegDecoder.decode(jpeg(redBlue(BufferedImage.TYPE_BYTE_GRAY), false), 8);
        assertColour(0xFFFFFF, decoded.getRGB(1, 1), 6);
        int grey = decoded.getRGB(12, 4) & 0xFF;
        assertEquals(grey, (decoded.getRGB(12, 4) >> 16) & 0xFF);
    }

    @Test
    void leavesProgressiveJpegsAndOtherFormatsToImageIo() throws Exception {
        byte[] progressive = jpeg(redBlue(BufferedImage.TYPE_INT_RGB), true);
        assertThrows(ScaledJpegDecoder.Unsupported.class, () -> ScaledJpegDecoder.decode(progressive, 4));
        assertNull(ScaledJpegDecoder.size(progressive));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(redBlue(BufferedImage.TYPE_INT_RGB), "png", png);
        assertNull(ScaledJpegDecoder.size(png.toByteArray()));
        assertThrows(ScaledJpegDecoder.Unsupported.class, () -> ScaledJpegDecoder.decode(png.toByteArray(), 4));
    }

    @Test
    void readsTheSizeFromTheFrameHeader() throws Exception {
        assertArrayEquals(new int[] {128, 64}, ScaledJpegDecoder.size(jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false)));
    }

    @Test
    void aTruncatedFileIsDecodedOnlyAsFarAsItsDataGoes() throws Exception {
        byte[] cut = JpegEdits.withImageDataCut(jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false), 0.5);

        ScaledJpegDecoder.Decoded decoded = ScaledJpegDecoder.decode(cut, 8, 0);

        // 4:2:0 MCUs are 16 rows tall: the rows present are whole MCU rows, fewer than the 64 declared
        assertEquals(0, decoded.rowsPresent() % 16);
        assertTrue(decoded.rowsPresent() > 0 && decoded.rowsPresent() < 64, "rows present: " + decoded.rowsPresent());
        assertEquals(decoded.rowsPresent() / 8, decoded.image().getHeight(), "no grey filler rows below the data");
        assertColour(0xFFFFFF, decoded.image().getRGB(1, 1), 6);
        assertEquals(decoded.rowsPresent(), ScaledJpegDecoder.open(cut).rowsPresent(0), "measuring without pixels agrees");
    }

    @Test
    void aWholeFileHasAllItsRows() throws Exception {
        byte[] whole = jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false);

        assertEquals(64, ScaledJpegDecoder.decode(whole, 4, 1).rowsPresent());
        assertEquals(64, ScaledJpegDecoder.open(whole).rowsPresent(1));
    }

    @Test
    void tooLittleDataIsRefusedAsTruncated() throws Exception {
        byte[] cut = JpegEdits.withImageDataCut(jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false), 0.5);

        ScaledJpegDecoder.Truncated refused = assertThrows(ScaledJpegDecoder.Truncated.class, () -> ScaledJpegDecoder.decode(cut, 8, 0.9));
        assertTrue(refused.getMessage().startsWith("the image data ("), refused.getMessage());   // too short to hold 90 %
        assertTrue(refused.getMessage().endsWith("(75 % of the photo)"), refused.getMessage());
    }

    @Test
    void aHeaderClaimingFarMoreThanTheDataHoldsIsRefusedBeforeDecoding() throws Exception {
        byte[] huge = JpegEdits.withFrameSize(jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false), 65_500, 65_500);

        ScaledJpegDecoder jpeg = ScaledJpegDecoder.open(huge);
        ScaledJpegDecoder.Truncated refused = assertThrows(ScaledJpegDecoder.Truncated.class, () -> jpeg.requireData(0.5));
        assertTrue(refused.getMessage().contains("of the 65500x65500 pixels the header declares"), refused.getMessage());
        // with no fraction asked for, the data still holds no whole row of 65,500 / 16 blocks
        assertThrows(ScaledJpegDecoder.Truncated.class, () -> jpeg.decode(8, 0));
    }

    @Test
    void aMarkerWhereImageDataIsDueEndsTheImageThere() throws Exception {
        byte[] whole = jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false);
        int middle = JpegEdits.imageDataStart(whole) + (whole.length - JpegEdits.imageDataStart(whole)) / 2;
        byte[] interrupted = whole.clone();
        interrupted[middle] = (byte) 0xFF;
        interrupted[middle + 1] = (byte) 0xD9;   // an end-of-image marker half way through the data

        int rows = ScaledJpegDecoder.decode(interrupted, 8, 0).rowsPresent();

        assertTrue(rows > 0 && rows < 64, "rows present: " + rows);
    }
}
