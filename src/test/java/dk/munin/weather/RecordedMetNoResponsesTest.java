package dk.munin.weather;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real MET Norway responses from ../shared/data/weather/metno, served by WireMock. The
 * expected numbers are read from the files by hand. Skipped where ../shared is absent.
 */
class RecordedMetNoResponsesTest {

    private static final String OSLO = "locationforecast-2.0-compact_oslo_2026-02-06.json";
    private static final String BEIJING = "locationforecast-2.0-compact_beijing_2020-07-20.json";
    private static final String LONDON_COMPLETE = "locationforecast-2.0-complete_london_2020-07-20.json";
    private static final Duration MAX_STEP_DISTANCE = Duration.ofMinutes(30);

    private static MetNoFixture metNo;

    @BeforeAll
    static void start() {
        metNo = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        metNo.close();
    }

    @BeforeEach
    void reset() {
        metNo.server.resetAll();
    }

    private EventWeather weatherFrom(String recording, double lat, double lon, String utc) {
        metNo.serve(MetNoFixture.recorded(recording));
        return new MetNoLocationforecast(metNo.client(), MAX_STEP_DISTANCE).weatherAt("e1", lat, lon, Instant.parse(utc));
    }

    @Test
    void osloEventInsideTheHourlyPartGetsThatStepsValues() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-06T22:10:00Z");

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2026-02-06T22:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(-5.9);
        assertThat(weather.relativeHumidityPercent()).isEqualTo(70.5);
        assertThat(weather.windSpeedMs()).isEqualTo(6.4);
        assertThat(weather.windFromDirectionDeg()).isEqualTo(39.0);
        assertThat(weather.cloudAreaFractionPercent()).isEqualTo(100.0);
        assertThat(weather.airPressureAtSeaLevelHpa()).isEqualTo(1014.8);
        assertThat(weather.precipitationAmountMm()).isEqualTo(0.7);
        assertThat(weather.precipitationPeriodHours()).isEqualTo(1);
        assertThat(weather.symbolCode()).isEqualTo("snow");
    }

    @Test
    void osloSixHourlyStepUsesNextSixHours() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-16T12:20:00Z");

        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2026-02-16T12:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(-3.0);
        assertThat(weather.cloudAreaFractionPercent()).isEqualTo(3.9);
        assertThat(weather.precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.symbolCode()).isEqualTo("fair_day");
    }

    @Test
    void osloLastStepHasOnlyInstantValues() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-16T18:00:00Z");

        assertThat(weather.airTemperatureC()).isEqualTo(-5.9);
        assertThat(weather.relativeHumidityPercent()).isEqualTo(82.0);
        assertThat(weather.precipitationAmountMm()).isNull();
        assertThat(weather.symbolCode()).isNull();
    }

    @Test
    void osloEventBetweenSixHourlyStepsIsUnavailable() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-09T03:00:00Z");

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("2026-02-09T03:00:00Z");
    }

    @Test
    void osloEventAfterTheForecastIsUnavailableWithTheRange() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-20T12:00:00Z");

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason())
                .contains("2026-02-20T12:00:00Z")
                .contains("2026-02-06T21:00:00Z")
                .contains("2026-02-16T18:00:00Z");
    }

    @Test
    void beijingFirstStep() {
        EventWeather weather = weatherFrom(BEIJING, 39.9, 116.4, "2020-07-20T11:05:00Z");

        assertThat(weather.airTemperatureC()).isEqualTo(30.4);
        assertThat(weather.relativeHumidityPercent()).isEqualTo(56.5);
        assertThat(weather.windFromDirectionDeg()).isEqualTo(219.5);
        assertThat(weather.airPressureAtSeaLevelHpa()).isEqualTo(1003.6);
        assertThat(weather.symbolCode()).isEqualTo("clearsky_day");
    }

    @Test
    void theCompleteFormatGivesTheSameColumns() {
        EventWeather weather = weatherFrom(LONDON_COMPLETE, 51.5, -0.1, "2020-07-22T18:05:00Z");

        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2020-07-22T18:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(23.3);
        assertThat(weather.relativeHumidityPercent()).isEqualTo(37.3);
        assertThat(weather.cloudAreaFractionPercent()).isEqualTo(94.5);
        assertThat(weather.precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.symbolCode()).isEqualTo("partlycloudy_night");
    }
}
