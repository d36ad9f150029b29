package dk.munin.exif;

import dk.munin.manifest.CameraClock;
import dk.munin.manifest.ClockDrift;
import dk.munin.manifest.ClockShift;
import dk.munin.manifest.StatedTime;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Fixed shifts, linear drift and the camera-clock offset rule, each against hand-computed times. */
class ClockCorrectionTest {

    private static LocalDateTime t(String iso) {
        return LocalDateTime.parse(iso);
    }

    @Test
    void aYearIsACalendarYearAnd365DaysAreDays() {
        // 2024 is a leap year: one calendar year after 2023-03-01 is 2024-03-01, 365 days after is 2024-02-29
        assertThat(ClockShift.parse("+1y").apply(t("2023-03-01T00:30:00"))).isEqualTo(t("2024-03-01T00:30:00"));
        assertThat(ClockShift.parse("+365d").apply(t("2023-03-01T00:30:00"))).isEqualTo(t("2024-02-29T00:30:00"));
        assertThat(ClockShift.parse("-1y").apply(t("2025-06-01T10:00:00"))).isEqualTo(t("2024-06-01T10:00:00"));
    }

    @Test
    void hoursMinutesAndSecondsAndTheAmPmFlip() {
        assertThat(ClockShift.parse("-01:00:00").apply(t("2024-06-01T00:30:00"))).isEqualTo(t("2024-05-31T23:30:00"));
        assertThat(ClockShift.parse("+2d03:04:05").apply(t("2024-06-01T00:00:00"))).isEqualTo(t("2024-06-03T03:04:05"));
        // set at 8 in the morning, the camera thought it was 8 in the evening: 12 hours ahead ever after
        assertThat(ClockShift.parse("-12:00:00").apply(t("2024-06-01T20:15:00"))).isEqualTo(t("2024-06-01T08:15:00"));
        assertThat(ClockShift.parse("-12:00:00").apply(t("2024-06-02T02:00:00"))).isEqualTo(t("2024-06-01T14:00:00"));
    }

    @Test
    void camtrapRsShiftFormatIsAcceptedToo() {
        ClockShift shift = ClockShift.parse("+0001:02:03 04:05:06");

        assertThat(shift.apply(t("2023-01-01T00:00:00"))).isEqualTo(t("2024-03-04T04:05:06"));
        assertThat(shift.describe(null, null)).isEqualTo("offset +0001:02:03 04:05:06");
    }

    @Test
    void refusesWhatIsNotAShift() {
        for (String bad : new String[] {"1y", "+", "+1 year", "+1h", "", "+1y+1d", null}) {
            assertThatThrownBy(() -> ClockShift.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("signed shift");
        }
        assertThatThrownBy(() -> ClockShift.parse("+01:60:00")).hasMessageContaining("00-59");
    }

    @Test
    void driftMapsCameraTimeLinearlyOntoTrueTime() {
        // the camera gained 30 s in 30 days; halfway through on its clock it had gained 15 s
        ClockDrift drift = new ClockDrift(t("2024-04-01T12:00:00"), t("2024-04-01T12:00:00"),
                t("2024-05-01T12:00:30"), t("2024-05-01T12:00:00"));

        assertThat(drift.apply(t("2024-04-16T12:00:15"))).isEqualTo(t("2024-04-16T12:00:00"));
        assertThat(drift.apply(t("2024-05-01T12:00:30"))).isEqualTo(t("2024-05-01T12:00:00"));
        assertThat(drift.driftPpm()).isCloseTo(11.574, within(0.001)); // 30 s / 2 592 000 s
        assertThat(drift.describe(t("2024-04-16T12:00:15"), t("2024-04-16T12:00:00"))).isEqualTo("drift -15.000s (+11.6 ppm)");
    }

    @Test
    void driftAlsoCorrectsAnOffsetAndRoundsToTheMillisecond() {
        // an hour slow at setup, an hour and 1 s slow 10 days later
        ClockDrift drift = new ClockDrift(t("2024-01-01T09:00:00"), t("2024-01-01T10:00:00"),
                t("2024-01-11T08:59:59"), t("2024-01-11T10:00:00"));

        // a third of the camera's span (863 999 s / 3 = 287 999.667 s) is a third of the true span (288 000 s = 3 d 8 h)
        assertThat(drift.apply(t("2024-01-04T16:59:59.667"))).isEqualTo(t("2024-01-04T18:00:00"));
        assertThat(drift.apply(t("2024-01-01T09:00:00"))).isEqualTo(t("2024-01-01T10:00:00"));
    }

    @Test
    void refusesReferencesThatRunBackwards() {
        assertThatThrownBy(() -> new ClockDrift(t("2024-05-01T12:00:00"), t("2024-04-01T12:00:00"),
                t("2024-04-01T12:00:00"), t("2024-05-01T12:00:00"))).hasMessageContaining("camera time at collection");
    }

    @Test
    void aCameraClockKeepsTheZonesStandardOffsetAcrossDaylightSavingTime() {
        CameraClock copenhagen = new CameraClock(ZoneId.of("Europe/Copenhagen"), t("2024-03-20T12:00:00"));
        CameraClock setInSummer = new CameraClock(ZoneId.of("Europe/Copenhagen"), t("2024-07-01T12:00:00"));
        CameraClock sydney = new CameraClock(ZoneId.of("Australia/Sydney"), null);

        assertThat(copenhagen.offsetAt(t("2024-03-30T12:00:00"))).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(copenhagen.offsetAt(t("2024-04-05T12:00:00"))).isEqualTo(ZoneOffset.ofHours(1)); // civil time is +02:00 by then
        assertThat(setInSummer.offsetAt(t("2024-07-15T12:00:00"))).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(sydney.offsetAt(t("2024-01-15T12:00:00"))).isEqualTo(ZoneOffset.ofHours(10)); // Sydney's summer time is +11:00
        assertThat(new CameraClock(ZoneOffset.ofHours(2), null).offsetAt(t("2024-12-01T00:00:00"))).isEqualTo(ZoneOffset.ofHours(2));
    }

    @Test
    void statedTimesWithAnOffsetAreMovedOntoTheCamerasClock() {
        CameraClock copenhagen = new CameraClock(ZoneId.of("Europe/Copenhagen"), null);

        assertThat(StatedTime.parse("2024-04-01T12:00:00+02:00").onClock(copenhagen)).isEqualTo(t("2024-04-01T11:00:00"));
        assertThat(StatedTime.parse("2024-04-01T10:00:00Z").onClock(copenhagen)).isEqualTo(t("2024-04-01T11:00:00"));
        assertThat(StatedTime.parse("2024-04-01T12:00:00").onClock(copenhagen)).isEqualTo(t("2024-04-01T12:00:00"));
        assertThatThrownBy(() -> StatedTime.parse("1 April 2024")).hasMessageContaining("ISO-8601");
    }
}
