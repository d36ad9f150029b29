package dk.munin.detector.photo;

import java.awt.image.BufferedImage;

/**
 * Decoded pixels as stored in the file, and how the file says to turn them for display.
 *
 * <p>A truncated photo (its data ends before its declared height) is decoded only as far as the
 * data reaches: {@code stored} then covers the first {@code rowsPresent} rows, and
 * {@link #present()} is that part as a photo of its own, so the model never sees filler.
 *
 * @param stored       the decoded raster of the rows present; smaller than the file's own size when decoded at reduced scale
 * @param orientation  the EXIF orientation, 1..8
 * @param storedWidth  the file's full width as stored, before any reduced-scale decoding
 * @param storedHeight the file's full height as stored, as its header declares it
 * @param rowsPresent  how many of those rows, at full size, the file holds data for: storedHeight when it is whole
 */
public record Photo(BufferedImage stored, int orientation, int storedWidth, int storedHeight, int rowsPresent) {

    public Photo {
        if (rowsPresent < 1 || rowsPresent > storedHeight) {
            throw new IllegalArgumentException("rows present must be 1 to " + storedHeight + ", not " + rowsPresent);
        }
    }

    /** A whole photo, decoded at full or reduced size. */
    public Photo(BufferedImage stored, int orientation, int storedWidth, int storedHeight) {
        this(stored, orientation, storedWidth, storedHeight, storedHeight);
    }

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

    public boolean isTruncated() {
        return rowsPresent < storedHeight;
    }

    /** The rows the file holds, as a photo of their own (this photo when it is whole). */
    public Photo present() {
        return isTruncated() ? new Photo(stored, orientation, storedWidth, rowsPresent) : this;
    }

    /**
     * Where {@link #present()} lies in this photo's displayed frame, in displayed pixels: the
     * stored rows at the top end up at the bottom of a photo shown turned 180°, on the right of
     * one shown turned 90° clockwise, and so on ({@link ExifOrientation#storedIndex}).
     *
     * @return {x, y} of the present part's top-left corner
     */
    public int[] presentOffset() {
        int missing = storedHeight - rowsPresent;
        return switch (orientation) {
            case 3, 4 -> new int[] {0, missing};
            case 6, 7 -> new int[] {missing, 0};
            default -> new int[] {0, 0};
        };
    }
}
