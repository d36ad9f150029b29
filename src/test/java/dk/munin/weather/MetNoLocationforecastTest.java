package dk.munin.weather;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** MetNoLocationforecast against a WireMock api.met.no serving a small document in the documented format. */
class MetNoLocationforecastTest {

    private static final Duration MAX_STEP_DISTANCE = Duration.ofMinutes(30);
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
        return new MetNoLocationforecast(metNo.client(), MAX_STEP_DISTANCE);
    }

    @Test
    void attachesTheNearestHourlyStepWithItsNextHour() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:20:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.reason()).isNull();
        assertThat(weather.provider()).isEqualTo("metno");
        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(14.2);
        assertThat(weather.relativeHumidityPercent()).isEqualTo(61.0);
        assertThat(weather.windSpeedMs()).isEqualTo(4.1);
        assertThat(weather.windFromDirectionDeg()).isEqualTo(250.0);
        assertThat(weather.cloudAreaFractionPercent()).isEqualTo(40.5);
        assertThat(weather.airPressureAtSeaLevelHpa()).isEqualTo(1012.3);
        assertThat(weather.precipitationAmountMm()).isEqualTo(0.0);
        assertThat(weather.precipitationPeriodHours()).isEqualTo(1);
        assertThat(weather.symbolCode()).isEqualTo("partlycloudy_day");
    }

    @Test
    void picksTheLaterStepWhenItIsNearer() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:40:00Z"));

        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2024-05-01T13:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(15.1);
        assertThat(weather.precipitationAmountMm()).isEqualTo(0.3);
        assertThat(weather.symbolCode()).isEqualTo("lightrain");
    }

    @Test
    void fallsBackToTheNextSixHoursWhereTheSeriesIsSixHourly() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T18:10:00Z"));

        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2024-05-01T18:00:00Z"));
        assertThat(weather.airTemperatureC()).isEqualTo(12.7);
        assertThat(weather.precipitationAmountMm()).isEqualTo(3.8);
        assertThat(weather.precipitationPeriodHours()).isEqualTo(6);
        assertThat(weather.symbolCode()).isEqualTo("heavyrain");
    }

    @Test
    void theLastStepHasInstantValuesOnly() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-02T00:25:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.airTemperatureC()).isEqualTo(10.4);
        assertThat(weather.precipitationAmountMm()).isNull();
        assertThat(weather.precipitationPeriodHours()).isNull();
        assertThat(weather.symbolCode()).isNull();
    }

    @Test
    void anEventBeforeTheForecastGetsNoWeatherAndTheRangeInTheReason() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-04-20T10:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.stepTime()).isNull();
        assertThat(weather.airTemperatureC()).isNull();
        assertThat(weather.reason())
                .contains("2024-04-20T10:00:00Z")
                .contains("2024-05-01T12:00:00Z")
                .contains("2024-05-02T00:00:00Z")
                .contains("30 minutes");
    }

    @Test
    void anEventBetweenSixHourlyStepsGetsNoWeatherFromAnotherTime() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T15:30:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("2024-05-01T15:30:00Z");
    }

    @Test
    void aStepExactlyAtTheToleranceStillCounts() {
        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T18:30:00Z"));

        assertThat(weather.stepTime()).isEqualTo(Instant.parse("2024-05-01T18:00:00Z"));
    }

    @Test
    void sendsAnIdentifyingUserAgentAndFourDecimals() {
        provider().weatherAt("e1", 55.676_149_9, 12.568_350_1, Instant.parse("2024-05-01T12:00:00Z"));

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
        provider.weatherAt("e1", 55.676_11, 12.568_31, Instant.parse("2024-05-01T12:00:00Z"));
        provider.weatherAt("e2", 55.676_14, 12.568_34, Instant.parse("2024-05-01T13:00:00Z"));
        provider.weatherAt("e3", 56.1, 10.2, Instant.parse("2024-05-01T13:00:00Z"));

        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withQueryParam("lat", equalTo("55.6761")));
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withQueryParam("lat", equalTo("56.1")));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aNewRunAsksAgain() {
        provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void tooManyRequestsIsUnavailableWithTheStatusAndIsNotRepeated() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(429)));
        MetNoLocationforecast provider = provider();

        EventWeather first = provider.weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        EventWeather second = provider.weatherAt("e2", LAT, LON, Instant.parse("2024-05-01T13:00:00Z"));

        assertThat(first.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(first.reason()).contains("HTTP 429");
        assertThat(second.reason()).contains("HTTP 429");
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aServerErrorIsUnavailableWithTheStatus() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(500).withBody("oops")));

        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("HTTP 500");
    }

    @Test
    void forbiddenIsUnavailableWithTheStatus() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(403)));

        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.reason()).contains("HTTP 403");
    }

    @Test
    void anUnreadableBodyIsUnavailable() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(ok("<html>maintenance</html>")));

        EventWeather weather = provider().weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be read");
    }

    @Test
    void aConnectionRefusedIsUnavailable() {
        MetNoLocationforecast provider = new MetNoLocationforecast(
                metNo.client(MetNoFixture.closedPortUrl(), MetNoFixture.RESPONSE_TIMEOUT_MS), MAX_STEP_DISTANCE);

        EventWeather weather = provider.weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be reached").containsIgnoringCase("refused");
    }

    @Test
    void aSlowAnswerTimesOutAfterTheResponseTimeout() {
        int responseTimeoutMs = 300;
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH))
                .willReturn(ok(MetNoFixture.resource("locationforecast-minimal.json")).withFixedDelay(responseTimeoutMs * 10)));
        MetNoLocationforecast provider = new MetNoLocationforecast(metNo.client(metNo.url(), responseTimeoutMs), MAX_STEP_DISTANCE);

        long started = System.nanoTime();
        EventWeather weather = provider.weatherAt("e1", LAT, LON, Instant.parse("2024-05-01T12:00:00Z"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("could not be reached");
        assertThat(took).isLessThan(Duration.ofMillis(responseTimeoutMs * 10L));
    }
}
