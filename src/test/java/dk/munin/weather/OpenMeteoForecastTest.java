package dk.munin.weather;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Open-Meteo's Weather Forecast API with past_days on a local WireMock, through camel-http as in
 * production: recorded answers (../shared/data/weather/open-meteo/, skipped when absent) and one
 * written from the docs (src/test/resources/weather/open-meteo/README.md).
 */
class OpenMeteoForecastTest {

    private static final String PATH = "/v1/forecast";
    private static final Duration TOLERANCE = Duration.ofMinutes(30);
    private static final WeatherLookup.Spans SPANS = new WeatherLookup.Spans(Duration.ofDays(7), Duration.ofDays(366));
    /** Recorded: 2026-07-16..18, hourly, local times at utc_offset_seconds 34200 (+09:30), a half-hour offset. */
    private static final String ADELAIDE = "weather/open-meteo/forecast_adelaide_hourly_2026-07-16_t-rh-et0-precip-wind-wetbulb.json";
    private static final RoundedPosition ADELAIDE_CAMERA = RoundedPosition.of(-34.762741, 138.645571);
    private static final ZoneOffset ADELAIDE_OFFSET = ZoneOffset.ofHoursMinutes(9, 30);
    /** The seed's list in Open-Meteo's names, visibility and UV index included (the archive lacks those two). */
    private static final String SEED_VARIABLES = "temperature_2m,relative_humidity_2m,dew_point_2m,precipitation,wind_speed_10m,"
            + "wind_direction_10m,wind_gusts_10m,pressure_msl,cloud_cover,visibility,uv_index";
    /** Two days after the recording's first day. */
    private static final Instant ADELAIDE_NOW = Instant.parse("2026-07-18T06:00:00Z");

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

    private static OpenMeteoForecast forecastAt(Instant now) {
        WeatherHttp http = new WeatherHttp(servers.producer, OpenMeteoForecast.SERVICE, servers.server.baseUrl() + PATH,
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        return new OpenMeteoForecast(new WeatherCalls(http), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static EventWeather weatherAt(OpenMeteoForecast forecast, RoundedPosition place, Instant event, ZoneOffset offset,
                                          int daysBack) {
        WeatherLookup lookup = new WeatherLookup(List.of(forecast), TOLERANCE, daysBack, SPANS);
        return lookup.weatherAt(place, List.of(new EventTime("e1", event, offset))).get(0);
    }

    private static void serve(String body) {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(body)));
    }

    private static String recorded(String file) throws IOException {
        return Files.readString(SharedData.require(file));
    }

    @Test
    void aRecentEventGetsItsHourReadAtTheBodysHalfHourOffsetAndTheRequestAsksPastDays() throws IOException {
        serve(recorded(ADELAIDE));

        // 04:40 UTC is 14:10 in Adelaide (+09:30): the nearest hour is the file's "2026-07-16T14:00", 04:30 UTC
        EventWeather weather = weatherAt(forecastAt(ADELAIDE_NOW), ADELAIDE_CAMERA, Instant.parse("2026-07-16T04:40:00Z"),
                ADELAIDE_OFFSET, 0);

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.provider()).isEqualTo("open-meteo-forecast");
        assertThat(weather.attribution()).isEqualTo("Weather data by Open-Meteo.com, CC BY 4.0");
        assertThat(weather.recordTime()).as("a whole-hour offset would give another hour").isEqualTo(Instant.parse("2026-07-16T04:30:00Z"));
        // hourly index 14 of the file, read by hand: 15.6 °C, 63 %, 0.0 mm, 1.11 m/s (index 15 would be 14.8, 71, 1.18)
        assertThat(weather.values().airTemperatureC()).isEqualTo(15.6);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(63.0);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(1);
        assertThat(weather.values().windSpeedMs()).isEqualTo(1.11);
        assertThat(weather.values().visibilityM()).as("the recording has no visibility").isNull();
        assertThat(weather.source().id()).isEqualTo("grid -34.76274,138.64557");
        // the span starts on 2026-07-16 (UTC), two days before today, and ends today: one forecast day
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("latitude", equalTo("-34.7627"))
                .withQueryParam("longitude", equalTo("138.6456"))
                .withQueryParam("past_days", equalTo("2"))
                .withQueryParam("forecast_days", equalTo("1"))
                .withQueryParam("start_date", absent())
                .withQueryParam("timezone", equalTo("GMT"))
                .withQueryParam("wind_speed_unit", equalTo("ms"))
                .withQueryParam("hourly", equalTo(SEED_VARIABLES))
                .withHeader("User-Agent", equalTo(MetNoFixture.USER_AGENT)));
    }

    @Test
    void theDaysBeforeTheEventThatWeatherDaysBackSummariesNeedCountInPastDays() throws IOException {
        serve(recorded(ADELAIDE));

        // weather_days_back 1: from 00:00 of the camera's day before, 2026-07-15T00:00+09:30 = 2026-07-14T14:30Z
        weatherAt(forecastAt(ADELAIDE_NOW), ADELAIDE_CAMERA, Instant.parse("2026-07-16T04:40:00Z"), ADELAIDE_OFFSET, 1);

        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("past_days", equalTo("4"))
                .withQueryParam("forecast_days", equalTo("1")));
    }

    @Test
    void aSpanReachingIntoTomorrowAsksForTwoForecastDaysAndNoPastDay() throws IOException {
        serve(recorded(ADELAIDE));

        // an event at 23:40 UTC needs the hours to 01:10 UTC tomorrow (tolerance and the hour after)
        weatherAt(forecastAt(Instant.parse("2026-07-18T23:50:00Z")), ADELAIDE_CAMERA, Instant.parse("2026-07-18T23:40:00Z"),
                ADELAIDE_OFFSET, 0);

        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("past_days", equalTo("0"))
                .withQueryParam("forecast_days", equalTo("2")));
    }

    @Test
    void aRecordedAnswerInKilometresPerHourIsConvertedToMetresPerSecond() throws IOException {
        serve(recorded("weather/open-meteo/forecast_newyork_2026-02-06_current-hourly-daily.json"));

        // 21:00 UTC is 16:00 in New York (utc_offset_seconds -18000): hourly index 16, -0.7 °C and 4.9 km/h
        EventWeather weather = weatherAt(forecastAt(Instant.parse("2026-02-07T12:00:00Z")), RoundedPosition.of(40.78858, -73.9661),
                Instant.parse("2026-02-06T21:00:00Z"), ZoneOffset.ofHours(-5), 0);

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2026-02-06T21:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(-0.7);
        assertThat(weather.values().windSpeedMs()).isCloseTo(4.9 / 3.6, within(1e-9));
    }

    @Test
    void everySeedVariableOfAPastDaysAnswerLandsInItsOwnField() {
        serve(MetNoFixture.resource("open-meteo/forecast_past-days_all-seed-variables.json"));

        // the answer to past_days=1 on 2024-10-15: index 11, "2024-10-14T11:00" GMT, set by hand (see the README)
        EventWeather weather = weatherAt(forecastAt(Instant.parse("2024-10-15T12:30:00Z")), RoundedPosition.of(60.3913, 5.3221),
                Instant.parse("2024-10-14T11:10:00Z"), ZoneOffset.ofHours(2), 0);

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-10-14T11:00:00Z"));
        assertThat(weather.values()).isEqualTo(new WeatherValues(9.3, 81.0, 6.2, 0.4, 1, 5.27, 214.0, 11.6, 1006.9, 24140.0, 88.0,
                1.35, null));
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("past_days", equalTo("1"))
                .withQueryParam("forecast_days", equalTo("1")));
    }

    @Test
    void aSpanOlderThanPastDaysReachOrBeyondTheForecastCannotBeCovered() {
        OpenMeteoForecast forecast = forecastAt(ADELAIDE_NOW);
        // today 2026-07-18 minus 92 days is 2026-04-17; today plus 15 (the 16th forecast day) is 2026-08-02
        Instant recent = Instant.parse("2026-07-17T00:00:00Z");

        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(forecast.cannotCover(longAgo, Instant.parse("2026-04-16T23:59:00Z"))).get().asString()
                .contains("2026-04-16T23:59:00Z is older than the forecast API's past_days (92 days): the archive has it");
        assertThat(forecast.cannotCover(longAgo, Instant.parse("2026-04-17T00:00:00Z")))
                .as("a span reaching into past_days is asked for what it holds").isEmpty();
        assertThat(forecast.cannotCover(recent, Instant.parse("2026-09-01T00:00:00Z"))).isEmpty();
        assertThat(forecast.cannotCover(Instant.parse("2026-08-02T23:59:00Z"), Instant.parse("2026-09-01T00:00:00Z"))).isEmpty();
        assertThat(forecast.cannotCover(Instant.parse("2026-08-03T00:00:00Z"), Instant.parse("2026-09-01T00:00:00Z"))).get().asString()
                .contains("beyond the forecast API's forecast_days (16 days, to 2026-08-02)");
    }

    @Test
    void pastDaysAndForecastDaysStayWithinOpenMeteosLimits() {
        LocalDate today = LocalDate.parse("2026-07-18");

        assertThat(OpenMeteoForecast.pastDays(today, Instant.parse("2025-01-01T00:00:00Z"))).isEqualTo(92);
        assertThat(OpenMeteoForecast.pastDays(today, Instant.parse("2026-07-20T00:00:00Z"))).isZero();
        assertThat(OpenMeteoForecast.forecastDays(today, Instant.parse("2026-06-01T00:00:00Z"))).isEqualTo(1);
        assertThat(OpenMeteoForecast.forecastDays(today, Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo(16);
    }

    @Test
    void anEventOlderThanPastDaysReachSendsNoRequestAndSaysWhy() {
        serve("{}");

        EventWeather weather = weatherAt(forecastAt(ADELAIDE_NOW), ADELAIDE_CAMERA, Instant.parse("2026-04-01T04:40:00Z"),
                ADELAIDE_OFFSET, 0);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).as("a chain of one names no provider").startsWith("not asked: ")
                .endsWith("older than the forecast API's past_days (92 days): the archive has it");
        servers.server.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "error_forecast_invalid_hourly_ForecastSurfaceVariable_2023-03.json",
            "error_forecast_invalid_hourly_SurfaceAndPressureVariable_2023-10-25.json",
            "error_forecast_invalid_temperature_unit_2023-10-25.json"})
    void aRecordedErrorAnswerGivesUnavailableWithOpenMeteosOwnReason(String file) throws IOException {
        String body = recorded("weather/open-meteo/errors/" + file);
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(body)));

        EventWeather weather = weatherAt(forecastAt(ADELAIDE_NOW), ADELAIDE_CAMERA, Instant.parse("2026-07-16T04:40:00Z"),
                ADELAIDE_OFFSET, 0);

        String reason = new ObjectMapper().readTree(body).path("reason").asText();
        assertThat(reason).startsWith("Cannot initialize");
        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("Open-Meteo's forecast answered HTTP 400 for -34.7627,138.6456: "
                + reason);
    }

    @Test
    void aRecordedLegacyAnswerInUnixTimeIsUnreadableRatherThanMisread() throws IOException {
        serve(recorded("weather/open-meteo/forecast_munich_2026-02_legacy-current_weather-unixtime.json"));

        EventWeather weather = weatherAt(forecastAt(Instant.parse("2026-02-08T12:00:00Z")), RoundedPosition.of(48.14, 11.58),
                Instant.parse("2026-02-07T12:00:00Z"), ZoneOffset.ofHours(1), 0);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("Open-Meteo's answer for 48.14,11.58 could not be read: "
                + "hourly.time '1770418800' is not an ISO 8601 local time");
    }
}
