package dk.munin.detector.photo;

import java.awt.image.BufferedImage;

/**
 * Decoded pixels as stored in the file, and how the file says to turn them for display.
 *
 * @param stored       the decoded raster; smaller than the file's own size when decoded at reduced scale
 * @param orientation  the EXIF orientation, 1..8
 * @param storedWidth  the file's full width as stored, before any reduced-scale decoding
 * @param storedHeight the file's full height as stored
 */
public record Photo(BufferedImage stored, int orientation, int storedWidth, int storedHeight) {

    /** A photo decoded at full size. */
    public Photo(BufferedImage stored, int orientation) {
        this(stored, orientation, stored.getWidth(), stored.getHeight());
    }

    /** Width of the full-size photo as displayed: boxes are given in this frame. */
    public int displayWidth() {
        return ExifOrientation.swapsAxes(orientation) ? storedHeight : storedWidth;
    }

    public int displayHeight() {
        return ExifOrientation.swapsAxes(orientation) ? storedWidth : storedHeight;
    }
}
