package dk.munin.manifest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time a researcher wrote in the manifest (a deployment's start or end, a trusted clock's
 * time): ISO-8601, either local ({@code 2024-04-01T12:00:00}, on the camera's clock) or with
 * an offset ({@code 2024-04-01T12:00:00+02:00}, {@code ...Z}), which is then converted onto the
 * camera's clock. Years run from 1 to 9999, as a camera's clock (EXIF's four digits) does: ISO-8601's
 * wider years would only overflow the calendar when a time is moved onto the camera's clock.
 */
public record StatedTime(LocalDateTime local, ZoneOffset offset) {

    private static final int FIRST_YEAR = 1;
    private static final int LAST_YEAR = 9999;

    /** @throws IllegalArgumentException saying what is accepted */
    public static StatedTime parse(String text) {
        StatedTime time;
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(text);
            time = new StatedTime(withOffset.toLocalDateTime(), withOffset.getOffset());
        } catch (DateTimeParseException notWithOffset) {
            try {
                time = new StatedTime(LocalDateTime.parse(text), null);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 date and time such as 2024-04-01T12:00:00 "
                        + "or 2024-04-01T12:00:00+02:00, got \"" + text + "\"");
            }
        }
        if (time.local().getYear() < FIRST_YEAR || time.local().getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("must have a year from 0001 to 9999, as a camera's clock does, got \"" + text + "\"");
        }
        return time;
    }

    /** This time as the camera's clock shows it; a local time is taken as already on that clock. */
    public LocalDateTime onClock(CameraClock clock) {
        if (offset == null || clock == null) {
            return local;
        }
        return local.atOffset(offset).withOffsetSameInstant(clock.offsetAt(local)).toLocalDateTime();
    }
}
