package dk.munin.weather;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an Open-Meteo answer's local hours become instants: always at the body's own utc_offset_seconds. */
class HourlySeriesTest {

    @Test
    void aDayWithAChangeToSummerTimeStaysTwentyFourHoursOneHourApart() {
        HourlySeries hours = HourlySeries.parse(MetNoFixture.resource("open-meteo/archive_oslo_dst_2024-03-31_offset-3600.json"));

        assertThat(hours.size()).isEqualTo(24);
        assertThat(hours.hour(0)).as("\"00:00\" at +01:00").isEqualTo(Instant.parse("2024-03-30T23:00:00Z"));
        assertThat(hours.hour(12)).as("\"12:00\" at +01:00, though Oslo's clocks said 13:00").isEqualTo(Instant.parse("2024-03-31T11:00:00Z"));
        assertThat(hours.hour(23)).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
        assertThat(IntStream.range(1, hours.size()).mapToObj(i -> Duration.between(hours.hour(i - 1), hours.hour(i))))
                .as("no gap and no repeated hour at the change").containsOnly(Duration.ofHours(1));
    }

    @Test
    void aHalfHourOffsetPutsEveryRecordAtHalfPastInUtc() throws IOException {
        String body = Files.readString(SharedData.require(
                "weather/open-meteo/forecast_adelaide_hourly_2026-07-16_t-rh-et0-precip-wind-wetbulb.json"));

        HourlySeries hours = HourlySeries.parse(body);

        // "2026-07-16T00:00" at +09:30
        assertThat(hours.hour(0)).isEqualTo(Instant.parse("2026-07-15T14:30:00Z"));
        assertThat(hours.hour(71)).isEqualTo(Instant.parse("2026-07-18T13:30:00Z"));
    }

    @Test
    void aBodyWithoutItsOffsetIsRefusedRatherThanReadAsUtc() {
        String body = "{\"hourly\": {\"time\": [\"2024-03-31T00:00\"], \"temperature_2m\": [1.0]}}";

        assertThatThrownBy(() -> HourlySeries.parse(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("it has no utc_offset_seconds");
    }

    @Test
    void unixTimeIsRefusedWithTheValueThatCouldNotBeRead() {
        String body = "{\"utc_offset_seconds\": 3600, \"hourly\": {\"time\": [1770418800], \"temperature_2m\": [1.0]}}";

        assertThatThrownBy(() -> HourlySeries.parse(body)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hourly.time '1770418800' is not an ISO 8601 local time");
    }
}
