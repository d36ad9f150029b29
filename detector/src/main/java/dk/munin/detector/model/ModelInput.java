package dk.munin.detector.model;

import dk.munin.detector.photo.ExifOrientation;
import dk.munin.detector.photo.Photo;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Builds a model's input tensor from a photo, planar {@code [3, height, width]}, each value
 * {@code pixel / 255}, in the layout's {@link InputFormat}: stretched or letterboxed, BGR or RGB.
 *
 * <p>The stored pixels are resized first and turned for display afterwards: turning a
 * 352×352 raster is cheap, turning a 12-megapixel photo is not, and the result is the same.
 */
public final class ModelInput {

    private static final float MAX_CHANNEL_VALUE = 255f;

    /** The tensor and where the photo lies in it. */
    public record Tensor(float[] values, InputGeometry geometry) {
    }

    private ModelInput() {
    }

    /** A stretched {@code [3, height, width]} BGR tensor: FastestDet's input. */
    public static float[] planarBgr(Photo photo, int width, int height) {
        return prepare(photo, InputFormat.STRETCH_BGR, width, height).values();
    }

    public static Tensor prepare(Photo photo, InputFormat format, int width, int height) {
        int drawnWidth = width;
        int drawnHeight = height;
        int left = 0;
        int top = 0;
        if (format.letterbox()) {
            // YOLOv5's letterbox: scale to fit (up or down), centre, and split odd padding as it does.
            double ratio = Math.min((double) width / photo.displayWidth(), (double) height / photo.displayHeight());
            drawnWidth = Math.max(1, Math.min(width, (int) Math.round(photo.displayWidth() * ratio)));
            drawnHeight = Math.max(1, Math.min(height, (int) Math.round(photo.displayHeight() * ratio)));
            left = (int) Math.round((width - drawnWidth) / 2.0 - 0.1);
            top = (int) Math.round((height - drawnHeight) / 2.0 - 0.1);
        }
        float[] values = fill(photo, format.bgr(), width, height, left, top, drawnWidth, drawnHeight);
        InputGeometry geometry = new InputGeometry(left, top,
                (double) photo.displayWidth() / drawnWidth, (double) photo.displayHeight() / drawnHeight);
        return new Tensor(values, geometry);
    }

    /** Minimum decoded size, in displayed orientation, that resizing to this input needs without upscaling. */
    public static int[] neededDisplaySize(int photoWidth, int photoHeight, InputFormat format, int width, int height) {
        if (!format.letterbox()) {
            return new int[] {width, height};
        }
        double ratio = Math.min((double) width / photoWidth, (double) height / photoHeight);
        return new int[] {(int) Math.ceil(photoWidth * ratio), (int) Math.ceil(photoHeight * ratio)};
    }

    private static float[] fill(Photo photo, boolean bgr, int width, int height, int left, int top,
                                int drawnWidth, int drawnHeight) {
        int orientation = photo.orientation();
        boolean swap = ExifOrientation.swapsAxes(orientation);
        int storedWidth = swap ? drawnHeight : drawnWidth;
        int storedHeight = swap ? drawnWidth : drawnHeight;
        int[] rgb = resized(photo.stored(), storedWidth, storedHeight);

        int plane = width * height;
        int firstPlane = bgr ? 0 : 2 * plane;   // where blue goes
        int lastPlane = bgr ? 2 * plane : 0;    // where red goes
        float[] tensor = new float[3 * plane];
        if (drawnWidth < width || drawnHeight < height) {
            java.util.Arrays.fill(tensor, InputFormat.PAD_VALUE / MAX_CHANNEL_VALUE);
        }
        for (int y = 0; y < drawnHeight; y++) {
            for (int x = 0; x < drawnWidth; x++) {
                int pixel = rgb[ExifOrientation.storedIndex(orientation, x, y, storedWidth, storedHeight)];
                int at = (y + top) * width + (x + left);
                tensor[firstPlane + at] = (pixel & 0xFF) / MAX_CHANNEL_VALUE;
                tensor[plane + at] = ((pixel >> 8) & 0xFF) / MAX_CHANNEL_VALUE;
                tensor[lastPlane + at] = ((pixel >> 16) & 0xFF) / MAX_CHANNEL_VALUE;
            }
        }
        return tensor;
    }

    /**
     * Bilinear resampling with pixel centres aligned, as Java2D's bilinear interpolation (the one
     * FastestDet's reference outputs were made with). Packed-RGB rasters (the DCT-domain JPEG
     * decoder's) are resampled here directly; other rasters (ImageIO's) go through Java2D.
     */
    private static int[] resized(BufferedImage source, int width, int height) {
        if (source.getType() == BufferedImage.TYPE_INT_RGB && source.getRaster().getDataBuffer() instanceof DataBufferInt packed
                && source.getRaster().getNumDataElements() == 1 && packed.getNumBanks() == 1
                && source.getRaster().getSampleModelTranslateX() == 0 && source.getRaster().getSampleModelTranslateY() == 0) {
            return bilinear(packed.getData(), source.getWidth(), source.getHeight(), width, height);
        }
        return java2dResized(source, width, height);
    }

    /** 8-bit fixed-point weights; each output pixel mixes the four stored pixels around its centre. */
    static int[] bilinear(int[] pixels, int sourceWidth, int sourceHeight, int width, int height) {
        int[] left = new int[width];
        int[] right = new int[width];
        int[] across = new int[width];
        sampling(sourceWidth, width, left, right, across);
        int[] top = new int[height];
        int[] bottom = new int[height];
        int[] down = new int[height];
        sampling(sourceHeight, height, top, bottom, down);
        int[] out = new int[width * height];
        for (int y = 0; y < height; y++) {
            int upperRow = top[y] * sourceWidth;
            int lowerRow = bottom[y] * sourceWidth;
            int wy = down[y];
            for (int x = 0; x < width; x++) {
                int wx = across[x];
                int p00 = pixels[upperRow + left[x]];
                int p01 = pixels[upperRow + right[x]];
                int p10 = pixels[lowerRow + left[x]];
                int p11 = pixels[lowerRow + right[x]];
                int pixel = 0;
                for (int shift = 0; shift <= 16; shift += 8) {
                    int upper = ((p00 >> shift) & 0xFF) * (256 - wx) + ((p01 >> shift) & 0xFF) * wx;
                    int lower = ((p10 >> shift) & 0xFF) * (256 - wx) + ((p11 >> shift) & 0xFF) * wx;
                    pixel |= ((upper * (256 - wy) + lower * wy + 32768) >> 16) << shift;
                }
                out[y * width + x] = pixel;
            }
        }
        return out;
    }

    /** For each output position: the two source positions around its centre and the weight (0..256) of the second. */
    private static void sampling(int sourceSize, int size, int[] first, int[] second, int[] weight) {
        double step = (double) sourceSize / size;
        for (int i = 0; i < size; i++) {
            double centre = Math.max(0, (i + 0.5) * step - 0.5);
            int lower = Math.min((int) centre, sourceSize - 1);
            first[i] = lower;
            second[i] = Math.min(lower + 1, sourceSize - 1);
            weight[i] = (int) Math.round((centre - lower) * 256);
        }
    }

    private static int[] java2dResized(BufferedImage source, int width, int height) {
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
