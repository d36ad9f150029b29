package dk.munin.detector.model;

import dk.munin.detector.photo.ExifOrientation;
import dk.munin.detector.photo.Photo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Builds a model's input tensor from a photo: the whole displayed photo stretched to the
 * model's input size (no letterbox, so the aspect ratio is not kept), in planar BGR order
 * (the detectors were trained on OpenCV's BGR images), each value {@code pixel / 255}.
 *
 * <p>The stored pixels are resized first and turned for display afterwards: turning a
 * 352×352 raster is cheap, turning a 12-megapixel photo is not, and the result is the same.
 */
public final class ModelInput {

    private static final float MAX_CHANNEL_VALUE = 255f;

    private ModelInput() {
    }

    /** A {@code [3, height, width]} float array: the B plane, then G, then R. */
    public static float[] planarBgr(Photo photo, int width, int height) {
        int orientation = photo.orientation();
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int storedWidth = swap ? height : width;
        int storedHeight = swap ? width : height;
        int[] rgb = resized(photo.stored(), storedWidth, storedHeight);

        int plane = width * height;
        float[] tensor = new float[3 * plane];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = rgb[ExifOrientation.storedIndex(orientation, x, y, storedWidth, storedHeight)];
                int at = y * width + x;
                tensor[at] = (pixel & 0xFF) / MAX_CHANNEL_VALUE;
                tensor[plane + at] = ((pixel >> 8) & 0xFF) / MAX_CHANNEL_VALUE;
                tensor[2 * plane + at] = ((pixel >> 16) & 0xFF) / MAX_CHANNEL_VALUE;
            }
        }
        return tensor;
    }

    /** Java2D bilinear resampling: the one the model's reference outputs were made with. */
    private static int[] resized(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(source, 0, 0, width, height, null);
        } finally {
            graphics.dispose();
        }
        return ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
    }
}
