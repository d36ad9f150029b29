package dk.munin.contract.megadetector;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Optional;

/**
 * One entry of an image's {@code detections}: a category id, a confidence and a box
 * {@code [x_min, y_min, width, height]} relative to the displayed photo.
 */
public record Detection(String category, double conf, double[] bbox) {

    /** MegaDetector rounds confidences to 3 decimals and box coordinates to 4. */
    public static final int CONF_DIGITS = 3;
    public static final int COORD_DIGITS = 4;

    public Detection {
        if (bbox == null || bbox.length != 4) {
            throw new IllegalArgumentException("a bbox is four numbers [x_min, y_min, width, height], got " + Arrays.toString(bbox));
        }
        bbox = bbox.clone();
    }

    @Override
    public double[] bbox() {
        return bbox.clone();
    }

    /**
     * A box in pixels, already clipped to the photo, rounded as MegaDetector rounds. The corners
     * are rounded before the width and height are taken, so x_min + width never exceeds 1 by a
     * rounding step.
     *
     * @return empty when the box is too small to survive rounding
     */
    public static Optional<Detection> fromCorners(String category, double score, double x1, double y1, double x2, double y2,
                                                  int photoWidth, int photoHeight) {
        BigDecimal left = round(x1 / photoWidth, COORD_DIGITS);
        BigDecimal top = round(y1 / photoHeight, COORD_DIGITS);
        BigDecimal right = round(x2 / photoWidth, COORD_DIGITS);
        BigDecimal bottom = round(y2 / photoHeight, COORD_DIGITS);
        BigDecimal width = right.subtract(left);
        BigDecimal height = bottom.subtract(top);
        if (width.signum() <= 0 || height.signum() <= 0) {
            return Optional.empty();
        }
        double[] bbox = {left.doubleValue(), top.doubleValue(), width.doubleValue(), height.doubleValue()};
        return Optional.of(new Detection(category, round(score, CONF_DIGITS).doubleValue(), bbox));
    }

    private static BigDecimal round(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Detection other && category.equals(other.category) && Double.compare(conf, other.conf) == 0
                && Arrays.equals(bbox, other.bbox);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * category.hashCode() + Double.hashCode(conf)) + Arrays.hashCode(bbox);
    }

    @Override
    public String toString() {
        return "Detection[" + category + ", " + conf + ", " + Arrays.toString(bbox) + "]";
    }
}
