package dk.munin.weather;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real MET Norway responses from ../shared/data/weather/metno, served by WireMock. The
 * expected numbers are read from the files by hand. Skipped where ../shared is absent.
 */
class RecordedMetNoResponsesTest {

    private static final String OSLO = "locationforecast-2.0-compact_oslo_2026-02-06.json";
    private static final String BEIJING = "locationforecast-2.0-compact_beijing_2020-07-20.json";
    private static final String LONDON_COMPLETE = "locationforecast-2.0-complete_london_2020-07-20.json";

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
        return OneEvent.weather(new MetNoLocationforecast(new WeatherCalls(metNo.client()), MetNoFixture.USER_AGENT, Clock.fixed(Instant.parse(utc), ZoneOffset.UTC)),
                "e1", lat, lon, Instant.parse(utc));
    }

    @Test
    void osloEventInsideTheHourlyPartGetsThatStepsValues() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-06T22:10:00Z");

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2026-02-06T22:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(-5.9);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(70.5);
        assertThat(weather.values().windSpeedMs()).isEqualTo(6.4);
        assertThat(weather.values().windFromDirectionDeg()).isEqualTo(39.0);
        assertThat(weather.values().cloudAreaFractionPercent()).isEqualTo(100.0);
        assertThat(weather.values().airPressureAtSeaLevelHpa()).isEqualTo(1014.8);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.7);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(1);
        assertThat(weather.values().symbolCode()).isEqualTo("snow");
    }

    @Test
    void osloSixHourlyStepUsesNextSixHours() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-16T12:20:00Z");

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2026-02-16T12:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(-3.0);
        assertThat(weather.values().cloudAreaFractionPercent()).isEqualTo(3.9);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.values().symbolCode()).isEqualTo("fair_day");
    }

    @Test
    void osloLastStepHasOnlyInstantValues() {
        EventWeather weather = weatherFrom(OSLO, 59.9139, 10.7522, "2026-02-16T18:00:00Z");

        assertThat(weather.values().airTemperatureC()).isEqualTo(-5.9);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(82.0);
        assertThat(weather.values().precipitationAmountMm()).isNull();
        assertThat(weather.values().symbolCode()).isNull();
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

        assertThat(weather.values().airTemperatureC()).isEqualTo(30.4);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(56.5);
        assertThat(weather.values().windFromDirectionDeg()).isEqualTo(219.5);
        assertThat(weather.values().airPressureAtSeaLevelHpa()).isEqualTo(1003.6);
        assertThat(weather.values().symbolCode()).isEqualTo("clearsky_day");
    }

    @Test
    void theCompleteFormatGivesTheSameColumns() {
        EventWeather weather = weatherFrom(LONDON_COMPLETE, 51.5, -0.1, "2020-07-22T18:05:00Z");

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2020-07-22T18:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(23.3);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(37.3);
        assertThat(weather.values().cloudAreaFractionPercent()).isEqualTo(94.5);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.values().symbolCode()).isEqualTo("partlycloudy_night");
    }
}
