package dk.munin.output.report;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Sunrise and sunset for a place and day, by the standard solar-position approximation (the sun's
 * declination and the equation of time from the day of the year, the sun's centre 0.833° below
 * the horizon for refraction and its radius). Good to a few minutes, which is what an activity
 * plot of hourly bins needs; the page draws the night around the activity.
 */
final class SunTimes {

    /** Hours of UTC; sunset may be below sunrise (the day crosses midnight UTC) or over 24. */
    record Day(double sunriseUtcHours, double sunsetUtcHours) {
    }

    private static final double ZENITH_DEGREES = 90.833;

    private SunTimes() {
    }

    /** Empty during polar day or night, when the sun does not cross the horizon. */
    static Optional<Day> of(double latitude, double longitude, LocalDate date) {
        double gamma = 2 * Math.PI / 365 * (date.getDayOfYear() - 1);
        double equationOfTimeMinutes = 229.18 * (0.000075 + 0.001868 * Math.cos(gamma) - 0.032077 * Math.sin(gamma)
                - 0.014615 * Math.cos(2 * gamma) - 0.040849 * Math.sin(2 * gamma));
        double declination = 0.006918 - 0.399912 * Math.cos(gamma) + 0.070257 * Math.sin(gamma) - 0.006758 * Math.cos(2 * gamma)
                + 0.000907 * Math.sin(2 * gamma) - 0.002697 * Math.cos(3 * gamma) + 0.00148 * Math.sin(3 * gamma);
        double lat = Math.toRadians(latitude);
        double cosHourAngle = Math.cos(Math.toRadians(ZENITH_DEGREES)) / (Math.cos(lat) * Math.cos(declination))
                - Math.tan(lat) * Math.tan(declination);
        if (cosHourAngle < -1 || cosHourAngle > 1) {
            return Optional.empty();
        }
        double hourAngleDegrees = Math.toDegrees(Math.acos(cosHourAngle));
        double noonMinutes = 720 - 4 * longitude - equationOfTimeMinutes;
        return Optional.of(new Day((noonMinutes - 4 * hourAngleDegrees) / 60, (noonMinutes + 4 * hourAngleDegrees) / 60));
    }
}
