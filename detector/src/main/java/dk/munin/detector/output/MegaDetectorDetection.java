package dk.munin.detector.output;

import dk.munin.detector.model.Candidate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * One entry of an image's {@code detections}: category, confidence and a box
 * {@code [x_min, y_min, width, height]} relative to the displayed photo, rounded as MegaDetector
 * rounds them (confidence to 3 decimals, coordinates to 4).
 */
public record MegaDetectorDetection(String category, double conf, double[] bbox) {

    static final int CONF_DIGITS = 3;
    static final int COORD_DIGITS = 4;

    /**
     * @param box a candidate already clipped to the photo
     * @return empty when the box is too small to survive rounding
     */
    public static Optional<MegaDetectorDetection> of(String category, Candidate box, int photoWidth, int photoHeight) {
        // Round the corners and take differences, so x_min + width never exceeds 1 by a rounding step.
        BigDecimal left = round(box.x1() / photoWidth, COORD_DIGITS);
        BigDecimal top = round(box.y1() / photoHeight, COORD_DIGITS);
        BigDecimal right = round(box.x2() / photoWidth, COORD_DIGITS);
        BigDecimal bottom = round(box.y2() / photoHeight, COORD_DIGITS);
        BigDecimal width = right.subtract(left);
        BigDecimal height = bottom.subtract(top);
        if (width.signum() <= 0 || height.signum() <= 0) {
            return Optional.empty();
        }
        double[] bbox = {left.doubleValue(), top.doubleValue(), width.doubleValue(), height.doubleValue()};
        return Optional.of(new MegaDetectorDetection(category, round(box.score(), CONF_DIGITS).doubleValue(), bbox));
    }

    private static BigDecimal round(double value, int digits) {
        return BigDecimal.valueOf(value).setScale(digits, RoundingMode.HALF_UP);
    }
}
