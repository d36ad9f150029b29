package dk.munin.detector.photo;

import java.awt.image.BufferedImage;

/** Decoded pixels as stored in the file, and how the file says to turn them for display. */
public record Photo(BufferedImage stored, int orientation) {

    public int displayWidth() {
        return ExifOrientation.swapsAxes(orientation) ? stored.getHeight() : stored.getWidth();
    }

    public int displayHeight() {
        return ExifOrientation.swapsAxes(orientation) ? stored.getWidth() : stored.getHeight();
    }
}
