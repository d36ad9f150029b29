package dk.munin.manifest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A time a researcher wrote in the manifest (a deployment's start or end, a trusted clock's
 * time): ISO-8601, either local ({@code 2024-04-01T12:00:00}, on the camera's clock) or with
 * an offset ({@code 2024-04-01T12:00:00+02:00}, {@code ...Z}), which is then converted onto the
 * camera's clock.
 */
public record StatedTime(LocalDateTime local, ZoneOffset offset) {

    /** @throws IllegalArgumentException saying what is accepted */
    public static StatedTime parse(String text) {
        try {
            OffsetDateTime withOffset = OffsetDateTime.parse(text);
            return new StatedTime(withOffset.toLocalDateTime(), withOffset.getOffset());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return new StatedTime(LocalDateTime.parse(text), null);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("must be an ISO-8601 date and time such as 2024-04-01T12:00:00 "
                        + "or 2024-04-01T12:00:00+02:00, got \"" + text + "\"");
            }
        }
    }

    /** This time as the camera's clock shows it; a local time is taken as already on that clock. */
    public LocalDateTime onClock(CameraClock clock) {
        if (offset == null || clock == null) {
            return local;
        }
        return local.atOffset(offset).withOffsetSameInstant(clock.offsetAt(local)).toLocalDateTime();
    }
}
