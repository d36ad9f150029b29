package dk.munin.weather;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dk.munin.clock.Sleeper;
import dk.munin.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** A throttled or failing weather service on a local WireMock: bounded retries, honouring Retry-After. */
class WeatherRetriesTest {

    private static final Instant EVENT = Instant.parse("2024-05-01T12:20:00Z");
    private static MetNoFixture metNo;

    @RegisterExtension
    final LogCapture log = LogCapture.of(WeatherHttp.class);

    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper recording = waits::add;

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

    private MetNoLocationforecast provider(RetryPolicy retries) {
        return new MetNoLocationforecast(new WeatherCalls(new WeatherHttp(metNo.producer, MetNoLocationforecast.SERVICE, metNo.url(),
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS, retries)),
                MetNoFixture.USER_AGENT, OneEvent.FORECAST_NOW);
    }

    @Test
    void a429WithRetryAfterThenA200EnrichesTheEventAfterTheWaitItAskedFor() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("served"));
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).inScenario("throttled").whenScenarioStateIs("served")
                .willReturn(okJson(MetNoFixture.resource("locationforecast-minimal.json"))));

        EventWeather weather = OneEvent.weather(provider(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60), recording)), "e1", 55.6761, 12.5683, EVENT);

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        assertThat(log.lines()).containsExactly("INFO MET Norway answered HTTP 429; asking again in 7 s (attempt 2 of 3)");
    }

    @Test
    void aServerThatAlwaysFailsIsAskedAFewTimesWithGrowingWaitsAndTheEventIsUnavailable() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(503)));

        EventWeather weather = OneEvent.weather(provider(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60), recording)), "e1", 55.6761, 12.5683, EVENT);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("MET Norway answered HTTP 503 for 55.6761,12.5683");
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4));
        metNo.server.verify(3, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aRetryAfterLongerThanTheRunMayWaitIsNotWaitedFor() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        EventWeather weather = OneEvent.weather(provider(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60), recording)), "e1", 55.6761, 12.5683, EVENT);

        assertThat(weather.reason()).contains("HTTP 429");
        assertThat(waits).isEmpty();
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aNotFoundIsNotAskedAgainAndA203IsLoggedAsADeprecation() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(404)));
        OneEvent.weather(provider(new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(60), recording)), "e1", 55.6761, 12.5683, EVENT);
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));

        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(203)
                .withHeader("Content-Type", "application/json").withBody(MetNoFixture.resource("locationforecast-minimal.json"))));
        EventWeather deprecated = OneEvent.weather(provider(RetryPolicy.NONE), "e1", 55.6761, 12.5683, EVENT);

        assertThat(deprecated.status()).as("a 203 still carries the forecast").isEqualTo(EventWeather.AVAILABLE);
        assertThat(log.warnings()).singleElement().asString()
                .startsWith("WARN MET Norway answered HTTP 203: the product or version Munin asks for is deprecated");
        assertThat(waits).isEmpty();
    }
}
