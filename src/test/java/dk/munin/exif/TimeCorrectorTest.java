package dk.munin.exif;

import dk.munin.manifest.DeploymentTable;
import dk.munin.manifest.PhotoIdentity;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Deployments, corrections, offsets and flags together, against hand-computed expectations. */
class TimeCorrectorTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final DeploymentTable.Limits LIMITS = new DeploymentTable.Limits(500, 10_000);
    private static final PhotoIdentity CAM1 = new PhotoIdentity("S1", "S1/CAM1", "S1/CAM1", "S1/CAM1", null, null);

    private final TimeCorrector corrector = new TimeCorrector(
            List.of(LocalDate.parse("2000-01-01"), LocalDate.parse("2012-01-01")), 1, NOW);

    private static LocalDateTime t(String iso) {
        return LocalDateTime.parse(iso);
    }

    private static DeploymentTable table(String json) {
        return DeploymentTable.parse(Json.parse(json), null, LIMITS);
    }

    @Test
    void aClockSetAYearBehindIsCorrectedAndPlacedInUtcByTheZonesStandardOffset() {
        DeploymentTable deployments = table("""
                [{"deployment_id": "D1", "camera": "S1/CAM1", "time_zone": "Europe/Copenhagen",
                  "start": "2024-03-01T10:00:00", "end": "2024-05-01T10:00:00",
                  "time_corrections": [{"type": "offset", "offset": "+1y"}]}]""");

        PhotoTime time = corrector.correct(t("2023-03-15T08:30:00"), null, CAM1, deployments, null);

        assertThat(time.deployment().id()).isEqualTo("D1");
        assertThat(time.local()).isEqualTo(t("2024-03-15T08:30:00"));
        assertThat(time.offset()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(time.offsetSource()).isEqualTo("deployment");
        assertThat(time.utc()).isEqualTo(Instant.parse("2024-03-15T07:30:00Z"));
        assertThat(time.corrections()).containsExactly("offset +1y");
        assertThat(time.issues()).isEmpty();
    }

    @Test
    void acrossTheSpringDaylightSavingChangeTheOffsetStaysAsTheCameraKeptIt() {
        // Copenhagen's clocks went from 02:00 to 03:00 on 2024-03-31; the camera's did not
        DeploymentTable deployments = table("""
                [{"deployment_id": "D1", "time_zone": "Europe/Copenhagen", "start": "2024-03-20T12:00:00", "end": "2024-04-10T12:00:00"}]""");

        assertThat(corrector.correct(t("2024-03-30T12:00:00"), null, CAM1, deployments, null).utc())
                .isEqualTo(Instant.parse("2024-03-30T11:00:00Z"));
        assertThat(corrector.correct(t("2024-04-05T12:00:00"), null, CAM1, deployments, null).utc())
                .isEqualTo(Instant.parse("2024-04-05T11:00:00Z")); // not 10:00Z, which summer time would give
        assertThat(corrector.correct(t("2024-03-31T02:30:00"), null, CAM1, deployments, null).utc())
                .isEqualTo(Instant.parse("2024-03-31T01:30:00Z")); // a local time that civil time skipped
    }

    @Test
    void aCameraSetToSummerTimeIsGivenAsAFixedOffsetAndStaysThereInAutumn() {
        DeploymentTable deployments = table("""
                [{"deployment_id": "D1", "time_zone": "+02:00", "start": "2024-09-01T12:00:00"}]""");

        PhotoTime afterFallBack = corrector.correct(t("2024-10-27T02:30:00"), null, CAM1, deployments, null);

        assertThat(afterFallBack.offset()).isEqualTo(ZoneOffset.ofHours(2));
        assertThat(afterFallBack.utc()).isEqualTo(Instant.parse("2024-10-27T00:30:00Z"));
    }

    @Test
    void anAmPmFlipAndDriftFromTwoPhotosOfATrustedClock() {
        DeploymentTable deployments = table("""
                [{"deployment_id": "FLIP", "camera": "S1/CAM1", "time_zone": "UTC",
                  "time_corrections": [{"type": "offset", "offset": "-12:00:00"}]},
                 {"deployment_id": "DRIFT", "camera": "S2/CAM1", "time_zone": "UTC",
                  "time_corrections": [{"type": "drift",
                     "setup": {"camera_time": "2024-04-01T12:00:00", "true_time": "2024-04-01T12:00:00"},
                     "collection": {"camera_time": "2024-05-01T12:00:30", "true_time": "2024-05-01T12:00:00"}}]}]""");

        PhotoTime flipped = corrector.correct(t("2024-06-01T20:15:00"), null, CAM1, deployments, null);
        PhotoTime drifted = corrector.correct(t("2024-04-16T12:00:15"), null,
                new PhotoIdentity("S2", "S2/CAM1", "S2/CAM1", "S2/CAM1", null, null), deployments, null);

        assertThat(flipped.utc()).isEqualTo(Instant.parse("2024-06-01T08:15:00Z"));
        assertThat(flipped.corrections()).containsExactly("offset -12:00:00");
        assertThat(drifted.local()).isEqualTo(t("2024-04-16T12:00:00"));
        assertThat(drifted.corrections()).containsExactly("drift -15.000s (+11.6 ppm)");
    }

    @Test
    void referenceTimesWithAnOffsetAreReadOnTheCamerasClock() {
        // the researcher's phone showed summer time (+02:00); the camera keeps Copenhagen's standard +01:00 and
        // was set an hour ahead, so every photo is an hour early in UTC terms: 15:00 on the camera is 13:00Z
        DeploymentTable deployments = table("""
                [{"deployment_id": "D1", "time_zone": "Europe/Copenhagen", "start": "2024-04-01T11:00:00+02:00",
                  "time_corrections": [{"type": "drift",
                     "setup": {"camera_time": "2024-04-01T12:00:00", "true_time": "2024-04-01T12:00:00+02:00"},
                     "collection": {"camera_time": "2024-05-01T12:00:00", "true_time": "2024-05-01T12:00:00+02:00"}}]}]""");

        PhotoTime time = corrector.correct(t("2024-04-20T15:00:00"), null, CAM1, deployments, null);

        assertThat(time.local()).isEqualTo(t("2024-04-20T14:00:00"));
        assertThat(time.utc()).isEqualTo(Instant.parse("2024-04-20T13:00:00Z"));
        assertThat(time.issues()).isEmpty();
    }

    @Test
    void aCameraMovedBetweenDeploymentsIsMatchedByTheWindowItsCorrectedTimeFallsIn() {
        DeploymentTable deployments = table("""
                [{"deployment_id": "SPRING", "serial_number": "H2RX1", "time_zone": "Europe/Copenhagen",
                  "start": "2024-03-01T00:00:00", "end": "2024-04-30T00:00:00", "latitude": 55.1, "longitude": 12.1},
                 {"deployment_id": "SUMMER", "serial_number": "H2RX1", "time_zone": "Europe/Copenhagen",
                  "start": "2024-05-01T00:00:00", "end": "2024-06-30T00:00:00",
                  "time_corrections": [{"type": "offset", "offset": "+1y"}]}]""");
        PhotoIdentity camera = new PhotoIdentity("S1", "S1/CAM1", "S1/CAM1", "S1/CAM1", "H2RX1", "NORTH");

        assertThat(corrector.correct(t("2024-03-15T10:00:00"), null, camera, deployments, null).deployment().id()).isEqualTo("SPRING");
        PhotoTime summer = corrector.correct(t("2023-05-15T10:00:00"), null, camera, deployments, null); // reset a year back
        assertThat(summer.deployment().id()).isEqualTo("SUMMER");
        assertThat(summer.local()).isEqualTo(t("2024-05-15T10:00:00"));
        PhotoTime between = corrector.correct(t("2024-04-30T12:00:00"), null, camera, deployments, null);
        assertThat(between.deployment()).isNull();
        assertThat(between.issues()).containsExactly(TimestampIssue.AMBIGUOUS_DEPLOYMENT);
        assertThat(between.utc()).isNull(); // no deployment, no manifest zone: the offset is unknown
    }

    @Test
    void flagsWhatIsSuspiciousWithoutChangingIt() {
        DeploymentTable deployments = table("""
                [{"deployment_id": "D1", "camera": "S1/CAM1", "time_zone": "UTC", "start": "2024-03-01T00:00:00", "end": "2024-05-01T00:00:00"}]""");
        PhotoIdentity other = new PhotoIdentity("S9", "S9/CAM9", "S9/CAM9", "S9/CAM9", null, null);

        PhotoTime reset = corrector.correct(t("2000-01-01T00:07:00"), null, CAM1, deployments, null);
        PhotoTime dayAfterReset = corrector.correct(t("2012-01-02T09:00:00"), null, CAM1, deployments, null);
        PhotoTime future = corrector.correct(t("2025-06-01T12:00:00"), null, CAM1, deployments, null);
        PhotoTime unmatched = corrector.correct(t("2024-04-01T12:00:00"), null, other, deployments, ZoneId.of("UTC"));
        PhotoTime noTime = corrector.correct(null, null, CAM1, deployments, null);

        assertThat(reset.issues()).containsExactly(TimestampIssue.FACTORY_DEFAULT_DATE, TimestampIssue.OUTSIDE_DEPLOYMENT);
        assertThat(reset.local()).isEqualTo(t("2000-01-01T00:07:00"));
        assertThat(dayAfterReset.issues()).containsExactly(TimestampIssue.OUTSIDE_DEPLOYMENT);
        assertThat(future.issues()).containsExactly(TimestampIssue.OUTSIDE_DEPLOYMENT, TimestampIssue.FUTURE_TIME);
        assertThat(unmatched.issues()).containsExactly(TimestampIssue.NO_DEPLOYMENT);
        assertThat(unmatched.utc()).isEqualTo(Instant.parse("2024-04-01T12:00:00Z"));
        assertThat(noTime.issues()).containsExactly(TimestampIssue.NO_TIME);
        assertThat(noTime.deployment().id()).isEqualTo("D1");
        assertThat(reset.notes()).anyMatch(n -> n.contains("outside deployment D1 (2024-03-01T00:00 to 2024-05-01T00:00)"));
    }

    @Test
    void withoutAnOffsetOnlyATimeAheadOfEveryClockOnEarthIsInTheFuture() {
        DeploymentTable none = DeploymentTable.empty();

        assertThat(corrector.correct(t("2025-01-01T13:59:00"), null, CAM1, none, null).issues()).isEmpty(); // could be UTC+14
        assertThat(corrector.correct(t("2025-01-01T14:01:00"), null, CAM1, none, null).issues()).containsExactly(TimestampIssue.FUTURE_TIME);
    }

    @Test
    void theOffsetComesFromTheDeploymentThenThePhotoThenTheManifest() {
        DeploymentTable withZone = table("[{\"deployment_id\": \"Z\", \"time_zone\": \"-05:00\"}]");
        DeploymentTable withoutZone = table("[{\"deployment_id\": \"N\"}]");
        ZoneOffset photoSays = ZoneOffset.ofHours(3);
        ZoneId manifest = ZoneId.of("Europe/Copenhagen");
        LocalDateTime june = t("2024-06-01T12:00:00");

        assertThat(corrector.correct(june, photoSays, CAM1, withZone, manifest).offsetSource()).isEqualTo("deployment");
        assertThat(corrector.correct(june, photoSays, CAM1, withoutZone, manifest).offset()).isEqualTo(photoSays);
        assertThat(corrector.correct(june, photoSays, CAM1, withoutZone, manifest).offsetSource()).isEqualTo("exif");
        PhotoTime manifestOnly = corrector.correct(june, null, CAM1, withoutZone, manifest);
        assertThat(manifestOnly.offsetSource()).isEqualTo("manifest");
        assertThat(manifestOnly.offset()).isEqualTo(ZoneOffset.ofHours(1)); // standard time, also in June
    }
}
