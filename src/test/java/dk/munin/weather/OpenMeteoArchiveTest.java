package dk.munin.weather;

import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open-Meteo's Historical Weather API on a local WireMock serving recorded archive bodies
 * (../shared/data/weather/open-meteo/) and bodies written from the docs
 * (src/test/resources/weather/open-meteo/README.md), through camel-http as in production.
 */
class OpenMeteoArchiveTest {

    private static final String PATH = "/v1/archive";
    private static final Duration TOLERANCE = Duration.ofMinutes(30);
    /** The recorded Adelaide answer: 2025-01-10..12, hourly, local times at utc_offset_seconds 34200 (+09:30). */
    private static final String ADELAIDE = "weather/open-meteo/archive/archive_adelaide_hourly_2025-01-10_12_t-rh-et0-precip-wind-wetbulb.json";

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

    private OpenMeteoArchive archive() {
        return new OpenMeteoArchive(new WeatherCalls(new WeatherHttp(servers.producer, OpenMeteoArchive.SERVICE,
                servers.server.baseUrl() + PATH, MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS,
                MetNoFixture.RESPONSE_TIMEOUT_MS)));
    }

    private static String recorded(String file) throws IOException {
        return Files.readString(SharedData.require(file));
    }

    private static void serveWrittenFromTheDocs(String fixture) {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(MetNoFixture.resource("open-meteo/" + fixture))));
    }

    @Test
    void aMonthsOldEventGetsTheValuesOfItsHourConvertedWithTheBodysOwnOffset() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(recorded(ADELAIDE))));

        // 04:40 UTC is 14:10 in Adelaide (+09:30): the nearest hour is the file's "2025-01-10T14:00", 04:30 UTC
        EventWeather weather = OneEvent.weather(archive(), "e1", -34.762741, 138.645571, Instant.parse("2025-01-10T04:40:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.provider()).isEqualTo("open-meteo-archive");
        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2025-01-10T04:30:00Z"));
        // hourly index 14 of the file, read by hand: 33.5 °C, 28 %, 0.0 mm, 3.62 m/s
        assertThat(weather.values().airTemperatureC()).isEqualTo(33.5);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(28.0);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.values().windSpeedMs()).isEqualTo(3.62);
        assertThat(weather.values().cloudAreaFractionPercent()).as("the recording has no cloud_cover").isNull();
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("latitude", equalTo("-34.7627"))
                .withQueryParam("longitude", equalTo("138.6456"))
                .withQueryParam("start_date", equalTo("2025-01-10"))
                .withQueryParam("end_date", equalTo("2025-01-10"))
                .withQueryParam("timezone", equalTo("GMT"))
                .withQueryParam("wind_speed_unit", equalTo("ms"))
                .withQueryParam("hourly", equalTo(String.join(",", OpenMeteoArchive.HOURLY)))
                .withHeader("User-Agent", equalTo(MetNoFixture.USER_AGENT)));
    }

    @Test
    void anEventOnADayTheAnswerDoesNotCoverStaysUnavailableWhateverWasSent() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(recorded(ADELAIDE))));

        EventWeather weather = OneEvent.weather(archive(), "e2", -34.7627, 138.6456, Instant.parse("2025-01-20T04:40:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("no record within 30 minutes of the event time 2025-01-20T04:40:00Z")
                .contains("covers 2025-01-09T14:30:00Z to 2025-01-12T13:30:00Z");
    }

    @Test
    void eventsOfOnePlaceDaysApartShareOneRequestAndASeasonApartTwo() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(recorded(ADELAIDE))));
        WeatherLookup lookup = new WeatherLookup(List.of(archive()), TOLERANCE, 0, OneEvent.SPANS);

        List<EventWeather> weather = lookup.weatherAt(RoundedPosition.of(-34.762741, 138.645569), List.of(
                new EventTime("e1", Instant.parse("2025-01-10T04:40:00Z"), ZoneOffset.UTC),
                new EventTime("e2", Instant.parse("2025-01-12T09:10:00Z"), ZoneOffset.UTC),
                new EventTime("e3", Instant.parse("2025-03-01T09:10:00Z"), ZoneOffset.UTC)));

        assertThat(weather).extracting(EventWeather::status).containsExactly("available", "available", "unavailable");
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("start_date", equalTo("2025-01-10")).withQueryParam("end_date", equalTo("2025-01-12")));
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("start_date", equalTo("2025-03-01")).withQueryParam("end_date", equalTo("2025-03-01")));
        servers.server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void anErrorAnswerGivesUnavailableWithOpenMeteosReason() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody(recorded("weather/open-meteo/errors/error_forecast_invalid_temperature_unit_2023-10-25.json"))));

        EventWeather weather = OneEvent.weather(archive(), "e1", 48.9, 2.3, Instant.parse("2022-12-29T10:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).startsWith("Open-Meteo's archive answered HTTP 400 for 48.9,2.3: ");
    }

    @Test
    void theChainAsksTheNextProviderWhenOneHasNothingAndListsEveryReasonWhenNoneHas() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(recorded(ADELAIDE))));
        servers.serve(MetNoFixture.resource("locationforecast-minimal.json"));
        WeatherLookup chain = new WeatherLookup(List.of(archive(), new MetNoLocationforecast(new WeatherCalls(servers.client()),
                MetNoFixture.USER_AGENT, OneEvent.FORECAST_NOW)), TOLERANCE, 0, OneEvent.SPANS);

        List<EventWeather> weather = chain.weatherAt(RoundedPosition.of(55.6761, 12.5683), List.of(
                new EventTime("e1", Instant.parse("2024-05-01T12:20:00Z"), ZoneOffset.UTC),
                new EventTime("e2", Instant.parse("2023-01-01T12:00:00Z"), ZoneOffset.UTC)));
        EventWeather recent = weather.get(0);
        EventWeather neither = weather.get(1);

        assertThat(recent.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(recent.provider()).as("the archive's answer covers other days: MET Norway's forecast has the time").isEqualTo("metno");
        assertThat(neither.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(neither.provider()).isEqualTo("open-meteo-archive,metno");
        assertThat(neither.reason()).startsWith("open-meteo-archive: no record within 30 minutes")
                .contains("; metno: not asked: its forecast starts at the current hour");
    }

    @Test
    void everyArchiveVariableLandsInItsOwnField() {
        serveWrittenFromTheDocs("archive_all-archive-variables.json");

        // index 12, "2024-05-01T12:00" GMT, set by hand so that no two variables share a value (see the README)
        EventWeather weather = OneEvent.weather(archive(), "e1", 56.1496, 10.2134, Instant.parse("2024-05-01T12:10:00Z"));

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
                        + "wind_speed_10m,wind_direction_10m,wind_gusts_10m,pressure_msl,cloud_cover")));
    }

    @Test
    void hoursAfterAChangeToSummerTimeAreReadAtTheBodysOffsetNotTheZonesNewOne() {
        serveWrittenFromTheDocs("archive_oslo_dst_2024-03-31_offset-3600.json");

        // Oslo went to CEST (+02:00) at 01:00 UTC on 2024-03-31, but the body's one offset is +01:00:
        // 10:05 UTC is the body's "11:00" (index 11, 4.3 °C), not "12:00" (index 12, 4.6 °C, the zone's reading)
        EventWeather weather = OneEvent.weather(archive(), "e1", 59.9139, 10.7522, Instant.parse("2024-03-31T10:05:00Z"));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-03-31T10:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(4.3);
    }
}
