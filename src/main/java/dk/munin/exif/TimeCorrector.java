package dk.munin.exif;

import dk.munin.manifest.CameraClock;
import dk.munin.manifest.Deployment;
import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.PhotoIdentity;
import dk.munin.manifest.TimeCorrection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a photo's camera time into its corrected local time, UTC offset and instant, and flags
 * what is suspicious about it (docs/time-correction.md). Stateless per photo; the one check
 * that needs several photos, the order within a Reconyx sequence, is {@link SequenceOrder}.
 */
public class TimeCorrector {

    public static final String OFFSET_FROM_DEPLOYMENT = "deployment";
    public static final String OFFSET_FROM_EXIF = "exif";
    public static final String OFFSET_FROM_MANIFEST = "manifest";

    /** UTC+14 (Line Islands) is as far ahead of UTC as any clock on Earth runs. */
    private static final Duration MAX_AHEAD_OF_UTC = Duration.ofHours(14);

    private final List<LocalDate> factoryDefaultDates;
    private final int factoryDefaultDays;
    private final Clock clock;

    /**
     * @param factoryDefaultDates dates cameras fall back to when their clock is reset
     * @param factoryDefaultDays  how many days from such a date count as "still on the reset clock"
     * @param clock               "now", for times in the future
     */
    public TimeCorrector(List<LocalDate> factoryDefaultDates, int factoryDefaultDays, Clock clock) {
        this.factoryDefaultDates = List.copyOf(factoryDefaultDates);
        this.factoryDefaultDays = factoryDefaultDays;
        this.clock = clock;
    }

    /**
     * @param cameraTime   the camera's clock as written (null when the photo has no time)
     * @param photoOffset  the photo's own OffsetTimeOriginal, or null
     * @param manifestZone the manifest's time_zone, or null
     */
    public PhotoTime correct(LocalDateTime cameraTime, ZoneOffset photoOffset, PhotoIdentity identity,
                             DeploymentTable deployments, ZoneId manifestZone) {
        List<TimestampIssue> issues = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        DeploymentTable.Match match = deployments.match(identity, cameraTime);
        if (match.problem() != null) {
            issues.add(match.problem() == DeploymentTable.Problem.NO_DEPLOYMENT
                    ? TimestampIssue.NO_DEPLOYMENT : TimestampIssue.AMBIGUOUS_DEPLOYMENT);
            notes.add(match.detail());
        }
        Deployment deployment = match.deployment();
        if (cameraTime == null) {
            issues.add(TimestampIssue.NO_TIME);
            return new PhotoTime(deployment, null, null, null, null, List.of(), List.copyOf(issues), List.copyOf(notes));
        }
        if (onFactoryDefault(cameraTime)) {
            issues.add(TimestampIssue.FACTORY_DEFAULT_DATE);
            notes.add("the camera's date " + cameraTime.toLocalDate() + " is one cameras reset to (munin.exif.factory-default-dates)");
        }

        LocalDateTime local = cameraTime;
        List<String> corrections = new ArrayList<>();
        if (deployment != null) {
            for (TimeCorrection correction : deployment.corrections()) {
                LocalDateTime corrected = correction.apply(local);
                corrections.add(correction.describe(local, corrected));
                local = corrected;
            }
            if (!deployment.contains(local)) {
                issues.add(TimestampIssue.OUTSIDE_DEPLOYMENT);
                notes.add("the time " + local + " is outside deployment " + deployment.id() + " ("
                        + (deployment.start() == null ? "open" : deployment.start()) + " to "
                        + (deployment.end() == null ? "open" : deployment.end()) + ")");
            }
        }

        ZoneOffset offset = null;
        String offsetSource = null;
        if (deployment != null && deployment.zoneGiven()) {
            offset = deployment.clock().offsetAt(local);
            offsetSource = OFFSET_FROM_DEPLOYMENT;
        } else if (photoOffset != null) {
            offset = photoOffset;
            offsetSource = OFFSET_FROM_EXIF;
        } else if (deployment != null && deployment.clock() != null) {
            offset = deployment.clock().offsetAt(local);
            offsetSource = OFFSET_FROM_MANIFEST;
        } else if (manifestZone != null) {
            offset = new CameraClock(manifestZone, null).offsetAt(local);
            offsetSource = OFFSET_FROM_MANIFEST;
        }
        Instant utc = offset == null ? null : local.toInstant(offset);

        if (inTheFuture(local, utc)) {
            issues.add(TimestampIssue.FUTURE_TIME);
            notes.add("the time " + (utc != null ? utc : local) + " is in the future");
        }
        return new PhotoTime(deployment, local, offset, offsetSource, utc, List.copyOf(corrections),
                List.copyOf(issues), List.copyOf(notes));
    }

    private boolean onFactoryDefault(LocalDateTime cameraTime) {
        LocalDate date = cameraTime.toLocalDate();
        return factoryDefaultDates.stream().anyMatch(reset -> !date.isBefore(reset) && date.isBefore(reset.plusDays(factoryDefaultDays)));
    }

    /** Without an offset, only a local time ahead of every clock on Earth is surely in the future. */
    private boolean inTheFuture(LocalDateTime local, Instant utc) {
        Instant now = clock.instant();
        if (utc != null) {
            return utc.isAfter(now);
        }
        return local.toInstant(ZoneOffset.UTC).isAfter(now.plus(MAX_AHEAD_OF_UTC));
    }
}
