package dk.munin.weather;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** MetNoLocationforecast against a WireMock api.met.no serving a small document in the documented format. */
class MetNoLocationforecastTest {

    private static final double LAT = 55.6761;
    private static final double LON = 12.5683;

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
    void serveMinimalForecast() {
        metNo.server.resetAll();
        metNo.serve(MetNoFixture.resource("locationforecast-minimal.json"));
    }

    private MetNoLocationforecast provider() {
        return new MetNoLocationforecast(new WeatherCalls(metNo.client()), MetNoFixture.USER_AGENT, OneEvent.FORECAST_NOW);
    }

    @Test
    void attachesTheNearestHourlyStepWithItsNextHour() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:20:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.reason()).isNull();
        assertThat(weather.provider()).isEqualTo("metno");
        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(14.2);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(61.0);
        assertThat(weather.values().windSpeedMs()).isEqualTo(4.1);
        assertThat(weather.values().windFromDirectionDeg()).isEqualTo(250.0);
        assertThat(weather.values().cloudAreaFractionPercent()).isEqualTo(40.5);
        assertThat(weather.values().airPressureAtSeaLevelHpa()).isEqualTo(1012.3);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(1);
        assertThat(weather.values().symbolCode()).isEqualTo("partlycloudy_day");
    }

    @Test
    void picksTheLaterStepWhenItIsNearer() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:40:00Z"));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T13:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(15.1);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(0.3);
        assertThat(weather.values().symbolCode()).isEqualTo("lightrain");
    }

    @Test
    void fallsBackToTheNextSixHoursWhereTheSeriesIsSixHourly() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T18:10:00Z"));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T18:00:00Z"));
        assertThat(weather.values().airTemperatureC()).isEqualTo(12.7);
        assertThat(weather.values().precipitationAmountMm()).isEqualTo(3.8);
        assertThat(weather.values().precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.values().symbolCode()).isEqualTo("heavyrain");
    }

    @Test
    void theLastStepHasInstantValuesOnly() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-02T00:25:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.values().airTemperatureC()).isEqualTo(10.4);
        assertThat(weather.values().precipitationAmountMm()).isNull();
        assertThat(weather.values().precipitationPeriodHours()).isNull();
        assertThat(weather.values().symbolCode()).isNull();
    }

    @Test
    void anEventTheAnswerDoesNotCoverGetsNoWeatherAndTheRangeInTheReason() {
        // "now" is the event's time, so MET is asked, but its answer starts eleven days later
        MetNoLocationforecast provider = new MetNoLocationforecast(new WeatherCalls(metNo.client()), MetNoFixture.USER_AGENT,
                Clock.fixed(Instant.parse("2024-04-20T10:00:00Z"), ZoneOffset.UTC));
        EventWeather weather = OneEvent.weather(provider, "e1", LAT, LON, Instant.parse("2024-04-20T10:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.recordTime()).isNull();
        assertThat(weather.values().airTemperatureC()).isNull();
        assertThat(weather.reason())
                .contains("2024-04-20T10:00:00Z")
                .contains("2024-05-01T12:00:00Z")
                .contains("2024-05-02T00:00:00Z")
                .contains("30 minutes");
    }

    @Test
    void aPastEventIsNeverAskedFor() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-04-20T10:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("not asked: its forecast starts at the current hour (2024-05-01T11:00:00Z)"
                + " and holds no past times");
        metNo.server.verify(0, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aUserAgentWithoutAContactIsRefusedBeforeAnyRequest() {
        MetNoLocationforecast anonymous = new MetNoLocationforecast(new WeatherCalls(metNo.client()), "munin/0.1",
                OneEvent.FORECAST_NOW);

        assertThat(anonymous.unavailableForEveryEvent()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("munin.weather.metno.user-agent ('munin/0.1') has no contact").contains("terms of service"));
        assertThat(MetNoLocationforecast.hasContact("munin/0.1 weather@example.org")).isTrue();
        assertThat(MetNoLocationforecast.hasContact("munin/0.1 github.com/munin-wildlife/munin")).isTrue();
        assertThat(MetNoLocationforecast.hasContact("munin/0.1")).isFalse();
        assertThat(MetNoLocationforecast.hasContact("")).isFalse();
    }

    @Test
    void anEventBetweenSixHourlyStepsGetsNoWeatherFromAnotherTime() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T15:30:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("2024-05-01T15:30:00Z");
    }

    @Test
    void aStepExactlyAtTheToleranceStillCounts() {
        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T18:30:00Z"));

        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T18:00:00Z"));
    }

    @Test
    void sendsAnIdentifyingUserAgentAndFourDecimals() {
        OneEvent.weather(provider(), "e1", 55.676_149_9, 12.568_350_1, Instant.parse("2024-05-01T12:00:00Z"));

        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH))
                .withQueryParam("lat", equalTo("55.6761"))
                .withQueryParam("lon", equalTo("12.5684"))
                .withHeader("User-Agent", equalTo(MetNoFixture.USER_AGENT)));
        // Camel options (timeouts, configurer) must not leak into MET's query string.
        assertThat(metNo.server.getAllServeEvents()).singleElement()
                .extracting(event -> event.getRequest().getUrl())
                .isEqualTo(MetNoFixture.PATH + "?lat=55.6761&lon=12.5684");
    }

    @Test
    void asksOncePerRoundedPositionInARun() {
        MetNoLocationforecast provider = provider();
        OneEvent.weather(provider, "e1", 55.676_11, 12.568_31, Instant.parse("2024-05-01T12:00:00Z"));
        OneEvent.weather(provider, "e2", 55.676_14, 12.568_34, Instant.parse("2024-05-01T13:00:00Z"));
        OneEvent.weather(provider, "e3", 56.1, 10.2, Instant.parse("2024-05-01T13:00:00Z"));

        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withQueryParam("lat", equalTo("55.6761")));
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withQueryParam("lat", equalTo("56.1")));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aNewRunAsksAgain() {
        OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void tooManyRequestsIsUnavailableWithTheStatusAndIsNotRepeated() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(429)));
        MetNoLocationforecast provider = provider();

        EventWeather first = OneEvent.weather(provider, "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        EventWeather second = OneEvent.weather(provider, "e2", LAT, LON, Instant.parse("2024-05-01T13:00:00Z"));

        assertThat(first.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(first.reason()).contains("HTTP 429");
        assertThat(second.reason()).contains("HTTP 429");
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aServerErrorIsUnavailableWithTheStatus() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(500).withBody("oops")));

        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("HTTP 500");
    }

    @Test
    void forbiddenIsUnavailableWithTheStatus() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(403)));

        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.reason()).contains("HTTP 403");
    }

    @Test
    void anUnreadableBodyIsUnavailable() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(ok("<html>maintenance</html>")));

        EventWeather weather = OneEvent.weather(provider(), "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be read");
    }

    @Test
    void aConnectionRefusedIsUnavailable() {
        MetNoLocationforecast provider = new MetNoLocationforecast(
                new WeatherCalls(metNo.client(MetNoFixture.closedPortUrl(), MetNoFixture.RESPONSE_TIMEOUT_MS)), MetNoFixture.USER_AGENT,
                OneEvent.FORECAST_NOW);

        EventWeather weather = OneEvent.weather(provider, "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be reached").containsIgnoringCase("refused");
    }

    @Test
    void aSlowAnswerTimesOutAfterTheResponseTimeout() {
        int responseTimeoutMs = 300;
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH))
                .willReturn(ok(MetNoFixture.resource("locationforecast-minimal.json")).withFixedDelay(responseTimeoutMs * 10)));
        MetNoLocationforecast provider = new MetNoLocationforecast(new WeatherCalls(metNo.client(metNo.url(), responseTimeoutMs)),
                MetNoFixture.USER_AGENT, OneEvent.FORECAST_NOW);

        long started = System.nanoTime();
        EventWeather weather = OneEvent.weather(provider, "e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be reached");
        assertThat(took).isLessThan(Duration.ofMillis(responseTimeoutMs * 10L));
    }
}
