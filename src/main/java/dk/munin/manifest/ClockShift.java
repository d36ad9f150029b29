package dk.munin.manifest;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed clock error: a camera set a year off, an hour off, or with AM and PM swapped
 * ({@code -12:00:00}). Written {@code +1y}, {@code +365d}, {@code -01:00:00}, {@code +2d03:00:00},
 * or in camtrapR's (and exiftool's) {@code +Y:M:D h:m:s} form, e.g. {@code +0001:00:00 00:00:00}.
 * Years and months are calendar steps (2023-03-01 + 1y = 2024-03-01, whatever the leap day).
 *
 * @param text the shift as written in the manifest
 */
public record ClockShift(String text, int sign, int years, int months, int days, Duration clock) implements TimeCorrection {

    private static final Pattern COMPACT = Pattern.compile("([+-])(?:(\\d{1,4})y)?(?:(\\d{1,6})d)?(\\d{1,6}:\\d{2}:\\d{2})?");
    private static final Pattern CAMTRAPR = Pattern.compile("([+-])(\\d{1,4}):(\\d{1,2}):(\\d{1,6}) (\\d{1,6}:\\d{2}:\\d{2})");

    /** @throws IllegalArgumentException saying what is accepted */
    public static ClockShift parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher compact = COMPACT.matcher(trimmed);
        if (compact.matches() && (compact.group(2) != null || compact.group(3) != null || compact.group(4) != null)) {
            return new ClockShift(trimmed, sign(compact.group(1)), number(compact.group(2)), 0, number(compact.group(3)),
                    clockTime(compact.group(4)));
        }
        Matcher camtrapR = CAMTRAPR.matcher(trimmed);
        if (camtrapR.matches()) {
            return new ClockShift(trimmed, sign(camtrapR.group(1)), number(camtrapR.group(2)), number(camtrapR.group(3)),
                    number(camtrapR.group(4)), clockTime(camtrapR.group(5)));
        }
        throw new IllegalArgumentException("must be a signed shift such as +1y, +365d, -01:00:00, -12:00:00 or "
                + "+0000:00:00 01:00:00, got \"" + text + "\"");
    }

    @Override
    public LocalDateTime apply(LocalDateTime time) {
        return time.plusYears((long) sign * years).plusMonths((long) sign * months).plusDays((long) sign * days)
                .plus(sign < 0 ? clock.negated() : clock);
    }

    @Override
    public String describe(LocalDateTime before, LocalDateTime after) {
        return "offset " + text;
    }

    private static int sign(String sign) {
        return "-".equals(sign) ? -1 : 1;
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static Duration clockTime(String hms) {
        if (hms == null) {
            return Duration.ZERO;
        }
        String[] parts = hms.split(":");
        int minutes = Integer.parseInt(parts[1]);
        int seconds = Integer.parseInt(parts[2]);
        if (minutes > 59 || seconds > 59) {
            throw new IllegalArgumentException("minutes and seconds must be 00-59, got \"" + hms + "\"");
        }
        return Duration.ofHours(Long.parseLong(parts[0])).plusMinutes(minutes).plusSeconds(seconds);
    }
}
