package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weather cache with Frost, whose requests carry the client id in an Authorization header:
 * the recorded Bergen answers (../shared/data/weather/frost/) asked by one run, then by a
 * fresh run over the same weather folder; the files never hold the credentials.
 */
class FrostCacheTest {

    private static final String SOURCES = "weather/frost/sources_nearest_bergen_SN50540.json";
    private static final String OBSERVATIONS = "weather/frost/observations_SN50540_bergen-florida_2022-04-01_t-rh-wind.json";
    private static final String CLIENT_ID = "munin-test-client";
    /** Base64 of "munin-test-client:", as FrostObservationsTest worked it out. */
    private static final String BASIC_AUTH = "Basic bXVuaW4tdGVzdC1jbGllbnQ6";
    private static final RoundedPosition BERGEN = RoundedPosition.of(60.3915, 5.3199);

    private static MetNoFixture servers;

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2022-04-03T08:00:00Z"));

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void serveTheRecordings() throws IOException {
        servers.server.resetAll();
        servers.server.stubFor(get(urlPathEqualTo("/sources/v0.jsonld"))
                .willReturn(okJson(Files.readString(SharedData.require(SOURCES)))));
        servers.server.stubFor(get(urlPathEqualTo("/observations/v0.jsonld"))
                .willReturn(okJson(Files.readString(SharedData.require(OBSERVATIONS)))));
    }

    private record Ran(EventWeather weather, WeatherCalls.Counts counts) {
    }

    private Ran run() {
        WeatherRun run = new WeatherRun(store, Location.of(temp.resolve("weather")));
        WeatherHttp http = FrostObservations.authorised(new WeatherHttp(servers.producer, FrostObservations.SERVICE,
                servers.server.baseUrl(), MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS),
                CLIENT_ID);
        FrostObservations frost = new FrostObservations(run.calls(FrostObservations.NAME, http, MetNoFixture.CACHE_RULES, clock),
                CLIENT_ID, 20);
        EventWeather weather = new WeatherLookup(List.of(frost), OneEvent.TOLERANCE, 0, OneEvent.SPANS)
                .weatherAt(BERGEN, List.of(new EventTime("e1", Instant.parse("2022-04-01T12:10:00Z"), ZoneOffset.ofHours(2)))).get(0);
        return new Ran(weather, run.counts().get(FrostObservations.NAME));
    }

    @Test
    void aRerunAsksFrostNothingAndItsCacheHoldsNoCredentials() throws IOException {
        Ran first = run();
        clock.advance(Duration.ofDays(3));
        Ran second = run();

        assertThat(first.weather().status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(second.weather()).isEqualTo(first.weather());
        assertThat(first.counts()).as("the station, then its observations").isEqualTo(new WeatherCalls.Counts(2, 0, 0, 0));
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(0, 2, 0, 0));
        for (String path : List.of("/sources/v0.jsonld", "/observations/v0.jsonld")) {
            servers.server.verify(1, getRequestedFor(urlPathEqualTo(path)).withHeader("Authorization", equalTo(BASIC_AUTH)));
        }
        List<String> requestUrls = new ArrayList<>();
        try (Stream<Path> files = Files.list(temp.resolve("weather/cache/frost"))) {
            for (Path file : files.toList()) {
                String text = Files.readString(file);
                assertThat(text).doesNotContain(BASIC_AUTH.substring("Basic ".length())).doesNotContain(CLIENT_ID)
                        .doesNotContainIgnoringCase("authorization");
                JsonNode entry = Json.parse(text);
                requestUrls.add(entry.path("request_url").asText().substring(servers.server.baseUrl().length()));
            }
        }
        assertThat(requestUrls).hasSize(2).anySatisfy(url -> assertThat(url).startsWith("/sources/v0.jsonld?types=SensorSystem"))
                .anySatisfy(url -> assertThat(url).startsWith("/observations/v0.jsonld?sources=SN50540&referencetime="));
    }
}
