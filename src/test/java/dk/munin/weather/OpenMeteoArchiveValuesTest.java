package dk.munin.weather;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open-Meteo's Historical Weather API on a local WireMock serving bodies written from the docs
 * (src/test/resources/weather/open-meteo/README.md): every archive variable in its own field, and
 * local times read at the body's one offset across a change to summer time.
 */
class OpenMeteoArchiveValuesTest {

    private static final String PATH = "/v1/archive";
    private static final Duration TOLERANCE = Duration.ofMinutes(30);
    private static final WeatherLookup.Spans SPANS = new WeatherLookup.Spans(Duration.ofDays(7), Duration.ofDays(366));

    private static MetNoFixture servers;

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void reset() {
        servers.server.resetAll();
    }

    private static EventWeather weatherAt(String fixture, RoundedPosition place, Instant event, ZoneOffset offset) {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(MetNoFixture.resource("open-meteo/" + fixture))));
        WeatherHttp http = new WeatherHttp(servers.producer, OpenMeteoArchive.SERVICE, servers.server.baseUrl() + PATH,
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        WeatherLookup lookup = new WeatherLookup(List.of(new OpenMeteoArchive(new WeatherCalls(http))), TOLERANCE, 0, SPANS);
        return lookup.weatherAt(place, List.of(new EventTime("e1", event, offset))).get(0);
    }

    @Test
    void everyArchiveVariableLandsInItsOwnField() {
        // index 12, "2024-05-01T12:00" GMT, set by hand so that no two variables share a value (see the README)
        EventWeather weather = weatherAt("archive_all-archive-variables.json", RoundedPosition.of(56.1496, 10.2134),
                Instant.parse("2024-05-01T12:10:00Z"), ZoneOffset.ofHours(2));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        WeatherValues values = weather.values();
        assertThat(values.airTemperatureC()).as(OpenMeteoHourly.TEMPERATURE).isEqualTo(14.7);
        assertThat(values.relativeHumidityPercent()).as(OpenMeteoHourly.HUMIDITY).isEqualTo(58.0);
        assertThat(values.dewPointTemperatureC()).as(OpenMeteoHourly.DEW_POINT).isEqualTo(6.4);
        assertThat(values.precipitationAmountMm()).as(OpenMeteoHourly.PRECIPITATION).isEqualTo(0.3);
        assertThat(values.precipitationPeriodHours()).as("Open-Meteo's hourly sum").isEqualTo(1);
        assertThat(values.windSpeedMs()).as(OpenMeteoHourly.WIND_SPEED).isEqualTo(4.46);
        assertThat(values.windFromDirectionDeg()).as(OpenMeteoHourly.WIND_DIRECTION).isEqualTo(251.0);
        assertThat(values.windSpeedOfGustMs()).as(OpenMeteoHourly.GUSTS).isEqualTo(9.1);
        assertThat(values.airPressureAtSeaLevelHpa()).as(OpenMeteoHourly.PRESSURE).isEqualTo(1015.2);
        assertThat(values.cloudAreaFractionPercent()).as(OpenMeteoHourly.CLOUD_COVER).isEqualTo(37.0);
        assertThat(values.visibilityM()).as("the archive has no visibility").isNull();
        assertThat(values.ultravioletIndex()).as("the archive has no UV index").isNull();
        assertThat(values.symbolCode()).as("MET Norway's only").isNull();
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("hourly", equalTo("temperature_2m,relative_humidity_2m,dew_point_2m,precipitation,"
                        + "wind_speed_10m,wind_direction_10m,wind_gusts_10m,pressure_msl,cloud_cover"))
                .withQueryParam("start_date", equalTo("2024-05-01"))
                .withQueryParam("end_date", equalTo("2024-05-01")));
    }

    @Test
    void hoursAfterAChangeToSummerTimeAreReadAtTheBodysOffsetNotTheZonesNewOne() {
        // Oslo went to CEST (+02:00) at 01:00 UTC on 2024-03-31, but the body's one offset is +01:00:
        // 10:05 UTC is the body's "11:00" (index 11, 4.3 °C), not "12:00" (index 12, 4.6 °C, the zone's reading)
        EventWeather weather = weatherAt("archive_oslo_dst_2024-03-31_offset-3600.json", RoundedPosition.of(59.9139, 10.7522),
                Instant.parse("2024-03-31T10:05:00Z"), ZoneOffset.ofHours(2));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-03-31T10:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(4.3);
    }
}
