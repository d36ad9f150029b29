package dk.munin.stage.weatherenrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.testing.ManualClock;
import dk.munin.testing.TestStates;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.MetNoFixture;
import dk.munin.weather.OpenMeteoArchive;
import dk.munin.weather.TestEvents;
import dk.munin.weather.WeatherHttp;
import dk.munin.weather.WeatherProviders;
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
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.munin.weather.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session enriched twice into one output folder, through the stage and the default chain, as
 * a re-run does: the second asks no service, gets the same weather, and its state says why.
 */
class WeatherEnrichmentCacheTest {

    private static final String ARCHIVE_PATH = "/v1/archive";
    private static final String ADELAIDE = "weather/open-meteo/archive/archive_adelaide_hourly_2025-01-10_12_t-rh-et0-precip-wind-wetbulb.json";

    private static MetNoFixture servers;

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T08:00:00Z"));
    private Location output;

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        servers.server.resetAll();
        servers.server.stubFor(get(urlPathEqualTo(ARCHIVE_PATH)).willReturn(okJson(Files.readString(SharedData.require(ADELAIDE)))));
        servers.serve(MetNoFixture.resource("locationforecast-minimal.json"));
        output = Location.of(temp.resolve("out"));
    }

    private WeatherEnrichment stage() {
        WeatherHttp archive = new WeatherHttp(servers.producer, OpenMeteoArchive.SERVICE, servers.server.baseUrl() + ARCHIVE_PATH,
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        return new WeatherEnrichment(store, WeatherProviders.named(List.of("open-meteo-archive", "metno"),
                new WeatherProviders.Clients(servers.client(), archive, servers.client(MetNoFixture.closedPortUrl(), 1000)),
                MetNoFixture.settings(), clock), List.of("animal"));
    }

    private ObjectNode state() {
        ObjectNode state = Json.object();
        state.put(RunState.SESSION_ID, TestEvents.SESSION_ID);
        state.put(RunState.OUTPUT_URI, output.uri());
        state.set(RunState.STAGE2_POST, TestStates.stage2Post(TestEvents.writeEventsFile(store, output, List.of(
                event("e1", Instant.parse("2025-01-10T04:40:00Z"), -34.762741, 138.645571),
                event("e2", Instant.parse("2025-01-10T07:10:00Z"), -34.762741, 138.645571)))));
        return state;
    }

    private List<EventWeather> written() {
        return EventWeatherFile.read(store, output.resolve(EventWeatherFile.FOLDER)).orElseThrow();
    }

    @Test
    void aRerunOfTheSessionAsksNoServiceAndGetsTheSameWeather() throws IOException {
        JsonNode first = stage().enrich(state()).path(RunState.WEATHER_ENRICHMENT);
        List<EventWeather> firstWeather = written();
        clock.advance(Duration.ofDays(2));
        JsonNode second = stage().enrich(state()).path(RunState.WEATHER_ENRICHMENT);

        assertThat(firstWeather).extracting(EventWeather::status).containsExactly("available", "available");
        assertThat(written()).isEqualTo(firstWeather);
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(ARCHIVE_PATH)));
        servers.server.verify(0, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        assertThat(first.at("/providers/open-meteo-archive/requests").asInt()).isEqualTo(1);
        assertThat(first.at("/providers/open-meteo-archive/cache_hits").asInt()).isZero();
        assertThat(second.at("/providers/open-meteo-archive/requests").asInt()).isZero();
        assertThat(second.at("/providers/open-meteo-archive/cache_hits").asInt()).isEqualTo(1);
        assertThat(second.at("/providers/open-meteo-archive/events_with_weather").asInt()).isEqualTo(2);
        assertThat(second.path("events_with_weather").asInt()).isEqualTo(2);
        try (Stream<Path> cached = Files.list(temp.resolve("out/weather/cache/open-meteo-archive"))) {
            assertThat(cached).singleElement().satisfies(file -> assertThat(Json.parse(Files.readString(file)).path("request_url").asText())
                    .startsWith(servers.server.baseUrl() + ARCHIVE_PATH + "?latitude=-34.7627&longitude=138.6456"));
        }
    }
}
