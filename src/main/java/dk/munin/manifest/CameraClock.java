package dk.munin.manifest;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The UTC offset a camera's clock keeps. Trail cameras do not follow daylight saving time:
 * set once, the clock keeps one offset for the whole deployment. So a zone rule such as
 * Europe/Copenhagen is applied as the zone's <em>standard</em> offset at the deployment's start
 * (+01:00 all year), held fixed; a camera set to summer time is given as a fixed offset
 * ("+02:00"). Without a start, the standard offset at the photo's own time is used (standard
 * offsets change only when a country changes its law). See docs/time-correction.md.
 *
 * @param anchor the deployment's start on the camera's clock, or null
 */
public record CameraClock(ZoneId zone, LocalDateTime anchor) {

    public ZoneOffset offsetAt(LocalDateTime time) {
        if (zone instanceof ZoneOffset fixed) {
            return fixed;
        }
        LocalDateTime when = anchor != null ? anchor : time;
        return zone.getRules().getStandardOffset(when.atZone(zone).toInstant());
    }
}
