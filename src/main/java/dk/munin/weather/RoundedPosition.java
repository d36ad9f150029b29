package dk.munin.weather;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A position as MET Norway's terms of service ask for it: at most four decimals (about 11 m).
 * More decimals only defeat their cache, and ours: photos of one camera scatter in the last
 * digits of GPS but are one place for the weather.
 */
public record RoundedPosition(String latitude, String longitude) {

    /** MET Norway's terms: "do not use more than 4 decimals". */
    static final int DECIMALS = 4;

    public static RoundedPosition of(double latitude, double longitude) {
        return new RoundedPosition(rounded(latitude), rounded(longitude));
    }

    private static String rounded(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    double latitudeDegrees() {
        return Double.parseDouble(latitude);
    }

    double longitudeDegrees() {
        return Double.parseDouble(longitude);
    }

    @Override
    public String toString() {
        return latitude + "," + longitude;
    }
}
