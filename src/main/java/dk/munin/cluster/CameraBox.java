package dk.munin.cluster;

import java.util.Objects;

/**
 * One detector box as repeat-detection elimination sees it: which photo and camera it came
 * from, its MegaDetector category ("1" animal, "2" person, "3" vehicle), confidence and its
 * normalised MegaDetector bbox [x, y, w, h] (top-left corner, width, height, all 0..1).
 *
 * <p>The four bbox numbers are fields rather than a {@code double[]} so that the record's
 * equality is by value, which the tests and callers' sets rely on.
 *
 * @param photoId the photo's file (or any id unique per photo); occurrences are counted in distinct photos
 * @param camera  the camera the photo came from; repeats are only looked for within one camera
 */
public record CameraBox(String photoId, String camera, String category, double conf,
                        double x, double y, double w, double h) {

    public CameraBox {
        Objects.requireNonNull(photoId, "photoId");
        // A box without a camera cannot be compared with anything: the caller must choose a
        // stand-in (the photo's folder, as MegaDetector does) rather than lump unknowns together.
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(category, "category");
    }

    /** A box from a MegaDetector bbox array [x, y, w, h]. */
    public static CameraBox of(String photoId, String camera, String category, double conf, double[] bbox) {
        if (bbox == null || bbox.length != 4) {
            throw new IllegalArgumentException("a MegaDetector bbox has 4 numbers [x, y, w, h], not "
                    + (bbox == null ? "none" : bbox.length));
        }
        return new CameraBox(photoId, camera, category, conf, bbox[0], bbox[1], bbox[2], bbox[3]);
    }

    /** The box's share of the image (its width and height are fractions of the image's). */
    public double area() {
        return w * h;
    }

    public double centreX() {
        return x + w / 2;
    }

    public double centreY() {
        return y + h / 2;
    }

    /** Intersection over union with another box; 0 when they do not overlap. */
    public double iou(CameraBox other) {
        double overlapW = Math.min(x + w, other.x + other.w) - Math.max(x, other.x);
        double overlapH = Math.min(y + h, other.y + other.h) - Math.max(y, other.y);
        if (overlapW <= 0 || overlapH <= 0) {
            return 0;
        }
        double intersection = overlapW * overlapH;
        return intersection / (area() + other.area() - intersection);
    }
}
