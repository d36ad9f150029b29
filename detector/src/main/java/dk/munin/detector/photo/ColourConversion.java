package dk.munin.detector.photo;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * The decoded planes as RGB pixels: chroma planes sampled more coarsely than luma are repeated
 * (replication upsampling), then YCbCr becomes RGB as JFIF 1.02 defines it; one component is grey.
 */
final class ColourConversion {

    private ColourConversion() {
    }

    /**
     * @param width  the output's width: the frame's, divided by the reduction and rounded up
     * @param height the output's height, likewise
     */
    static BufferedImage toImage(JpegComponent[] components, int maxH, int maxV, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        JpegComponent luma = components[0];
        if (components.length == 1) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int grey = luma.plane[y * luma.planeWidth + x] & 0xFF;
                    pixels[y * width + x] = (grey << 16) | (grey << 8) | grey;
                }
            }
            return image;
        }
        JpegComponent cb = components[1];
        JpegComponent cr = components[2];
        int[] lumaColumn = columns(luma, maxH, width);
        int[] cbColumn = columns(cb, maxH, width);
        int[] crColumn = columns(cr, maxH, width);
        for (int y = 0; y < height; y++) {
            int lumaRow = (y * luma.v / maxV) * luma.planeWidth;
            int cbRow = (y * cb.v / maxV) * cb.planeWidth;
            int crRow = (y * cr.v / maxV) * cr.planeWidth;
            int out = y * width;
            for (int x = 0; x < width; x++) {
                int yValue = luma.plane[lumaRow + lumaColumn[x]] & 0xFF;
                int cbValue = (cb.plane[cbRow + cbColumn[x]] & 0xFF) - 128;
                int crValue = (cr.plane[crRow + crColumn[x]] & 0xFF) - 128;
                // JFIF 1.02: R = Y + 1.402 Cr, G = Y - 0.344136 Cb - 0.714136 Cr, B = Y + 1.772 Cb (16.16 fixed point)
                int red = yValue + ((91881 * crValue + 32768) >> 16);
                int green = yValue - ((22554 * cbValue + 46802 * crValue - 32768) >> 16);
                int blue = yValue + ((116130 * cbValue + 32768) >> 16);
                pixels[out + x] = (clamp(red) << 16) | (clamp(green) << 8) | clamp(blue);
            }
        }
        return image;
    }

    /** For each output column, the column of the component's plane it comes from. */
    private static int[] columns(JpegComponent component, int maxH, int width) {
        int[] columns = new int[width];
        for (int x = 0; x < width; x++) {
            columns[x] = x * component.h / maxH;
        }
        return columns;
    }

    private static int clamp(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }
}
