package dk.munin.detector.photo;

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
import java.util.Arrays;

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
    void aTruncatedFileEndsInGreyAsLibjpegLeavesIt() throws Exception {
        byte[] whole = jpeg(redBlue(BufferedImage.TYPE_INT_RGB), false);
        int scanStart = 0;
        while (!((whole[scanStart] & 0xFF) == 0xFF && (whole[scanStart + 1] & 0xFF) == 0xDA)) {
            scanStart++;
        }
        byte[] cut = Arrays.copyOf(whole, scanStart + (whole.length - scanStart) / 2);   // half the image data

        BufferedImage decoded = ScaledJpegDecoder.decode(cut, 8);

        assertColour(0xFFFFFF, decoded.getRGB(1, 1), 6);
        assertColour(0x808080, decoded.getRGB(15, 7), 2);
    }
}
