package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weather cache with Open-Meteo's archive, whose answers carry no Expires: a recorded
 * archive body (../shared/data/weather/open-meteo/archive) is reused for
 * munin.weather.cache.max-age-days, one holding nulls (days the archive does not hold yet) only
 * for munin.weather.cache.incomplete-max-age-hours.
 */
class OpenMeteoCacheTest {

    private static final String PATH = "/v1/archive";
    private static final String ADELAIDE = "weather/open-meteo/archive/archive_adelaide_hourly_2025-01-10_12_t-rh-et0-precip-wind-wetbulb.json";
    /** 14:10 in Adelaide on the recording's first day; its last day, 2025-01-12, is the one blanked out below. */
    private static final Instant EVENT = Instant.parse("2025-01-10T04:40:00Z");
    private static final Instant FIRST_RUN = Instant.parse("2025-01-14T08:00:00Z");

    private static MetNoFixture servers;

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();
    private final ManualClock clock = new ManualClock(FIRST_RUN);
    private Location weatherFolder;

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @BeforeEach
    void setUp() {
        servers.server.resetAll();
        weatherFolder = Location.of(temp.resolve("weather"));
    }

    private record Ran(EventWeather weather, WeatherCalls.Counts counts) {
    }

    /** A run over the same weather folder, as a re-run of the session. */
    private Ran run() {
        WeatherRun run = new WeatherRun(store, weatherFolder);
        WeatherHttp http = new WeatherHttp(servers.producer, OpenMeteoArchive.SERVICE, servers.server.baseUrl() + PATH,
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        OpenMeteoArchive archive = new OpenMeteoArchive(run.calls(OpenMeteoArchive.NAME, http, MetNoFixture.CACHE_RULES, clock));
        EventWeather weather = OneEvent.weather(archive, "e1", -34.762741, 138.645571, EVENT);
        return new Ran(weather, run.counts().get(OpenMeteoArchive.NAME));
    }

    private static String recorded() throws IOException {
        return Files.readString(SharedData.require(ADELAIDE));
    }

    /** The recording as the archive answers a few days after: the last day's temperatures not there yet. */
    private static String lastDayMissing() throws IOException {
        ObjectNode body = (ObjectNode) Json.parse(recorded());
        ArrayNode temperatures = (ArrayNode) body.at("/hourly/temperature_2m");
        for (int hour = temperatures.size() - 24; hour < temperatures.size(); hour++) {
            temperatures.setNull(hour);
        }
        return Json.write(body);
    }

    private void serve(String body) {
        servers.server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(body)));
    }

    @Test
    void anAnswerWithoutExpiresIsReusedForTheMaxAgeThenAskedAgainInFull() throws IOException {
        serve(recorded());
        Ran first = run();
        clock.advance(MetNoFixture.CACHE_RULES.maxAge().minusHours(1));
        Ran withinMaxAge = run();
        clock.advance(Duration.ofHours(2));
        Ran afterMaxAge = run();

        assertThat(first.weather().status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(first.weather().values().airTemperatureC()).isEqualTo(33.5);
        assertThat(withinMaxAge.weather()).isEqualTo(first.weather());
        assertThat(withinMaxAge.counts()).isEqualTo(new WeatherCalls.Counts(0, 1, 0, 0));
        assertThat(afterMaxAge.weather()).isEqualTo(first.weather());
        assertThat(afterMaxAge.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        servers.server.verify(2, getRequestedFor(urlPathEqualTo(PATH)).withHeader("If-Modified-Since", absent()));
    }

    @Test
    void anAnswerHoldingNullsIsAskedAgainAfterTheIncompleteMaxAgeAndTheCompleteOneKeptLonger() throws IOException {
        serve(lastDayMissing());
        Ran first = run();
        clock.advance(MetNoFixture.CACHE_RULES.incompleteMaxAge().minusHours(1));
        Ran sameDay = run();
        serve(recorded());
        clock.advance(Duration.ofHours(2));
        Ran nextDay = run();
        clock.advance(Duration.ofDays(20));
        Ran weeksLater = run();

        assertThat(first.weather().status()).as("the event's day is there, only the last day is not").isEqualTo(EventWeather.AVAILABLE);
        assertThat(sameDay.counts()).isEqualTo(new WeatherCalls.Counts(0, 1, 0, 0));
        assertThat(nextDay.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        assertThat(weeksLater.counts()).isEqualTo(new WeatherCalls.Counts(0, 1, 0, 0));
        servers.server.verify(2, getRequestedFor(urlPathEqualTo(PATH)));
        JsonNode file;
        try (var files = Files.list(temp.resolve("weather/cache/open-meteo-archive"))) {
            file = Json.parse(Files.readString(files.findFirst().orElseThrow()));
        }
        assertThat(file.at("/body/hourly/temperature_2m/71").isNumber()).as("the complete answer replaced the one with nulls").isTrue();
        assertThat(file.path("request_url").asText()).startsWith(servers.server.baseUrl() + PATH + "?latitude=-34.7627&longitude=138.6456"
                + "&start_date=2025-01-10&end_date=2025-01-10&hourly=");
    }
}
