package dk.munin.output.report;

import java.awt.image.BufferedImage;

/**
 * EXIF orientation (TIFF tag 274): how the stored pixels are turned or mirrored from the picture as
 * it is meant to be seen. 1 is upright; 5..8 swap width and height.
 */
final class Orientation {

    private Orientation() {
    }

    static boolean swapsAxes(Integer orientation) {
        return orientation != null && orientation >= 5 && orientation <= 8;
    }

    /** The picture as displayed; the stored one itself for 1, none or an unknown value. */
    static BufferedImage upright(BufferedImage stored, Integer orientation) {
        if (orientation == null || orientation <= 1 || orientation > 8) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swap = swapsAxes(orientation);
        BufferedImage shown = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < shown.getHeight(); y++) {
            for (int x = 0; x < shown.getWidth(); x++) {
                int[] from = storedPixel(orientation, x, y, w, h);
                shown.setRGB(x, y, stored.getRGB(from[0], from[1]));
            }
        }
        return shown;
    }

    /** The stored pixel that shows at (x, y) of the displayed picture. */
    private static int[] storedPixel(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            case 8 -> new int[] {w - 1 - y, x};
            default -> new int[] {x, y};
        };
    }
}
