package dk.munin.exif;

import dk.munin.manifest.Deployment;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A photo's time after Stage-0's corrections.
 *
 * @param deployment   the photo's deployment, or null
 * @param local        the corrected camera-local time, or null without a time
 * @param offset       the UTC offset of the camera's clock, or null when unknown
 * @param offsetSource where the offset came from: deployment, exif (OffsetTimeOriginal) or manifest
 * @param utc          the corrected instant, or null when the time or the offset is unknown
 * @param corrections  the corrections applied, in order
 * @param issues       what is wrong with the time or the deployment
 * @param notes        the issues' details, for the photo's warnings
 */
public record PhotoTime(
        Deployment deployment,
        LocalDateTime local,
        ZoneOffset offset,
        String offsetSource,
        Instant utc,
        List<String> corrections,
        List<TimestampIssue> issues,
        List<String> notes) {
}
