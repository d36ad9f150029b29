package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.state.Json;
import dk.munin.testing.LogCapture;
import dk.munin.testing.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weather cache with MET Norway's real caching headers: a recorded Locationforecast answer
 * (../shared/data/weather/metno/wrapped, body and headers as api.met.no sent them) on WireMock,
 * asked by one run and then by fresh runs over the same weather folder, as a re-run of a
 * session does.
 */
class MetNoCacheTest {

    private static final String LONDON = "weather/metno/wrapped/lat51.5lon-0.1altitude25_complete.json";
    /** The recording's Date and Last-Modified; its Expires is 12:16:23, half an hour later. */
    private static final Instant RECORDED_AT = Instant.parse("2020-07-20T11:44:31Z");
    private static final String LAST_MODIFIED = "Mon, 20 Jul 2020 11:44:31 GMT";
    private static final String EXPIRES = "Mon, 20 Jul 2020 12:16:23 GMT";
    private static final Instant EVENT = Instant.parse("2020-07-20T12:00:00Z");
    private static final double LAT = 51.5;
    private static final double LON = -0.1;

    private static MetNoFixture metNo;

    @RegisterExtension
    final LogCapture log = LogCapture.of(ResponseCache.class);

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();
    private final ManualClock clock = new ManualClock(RECORDED_AT);
    private Location weatherFolder;
    private JsonNode recording;

    @BeforeAll
    static void start() {
        metNo = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        metNo.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        metNo.server.resetAll();
        weatherFolder = Location.of(temp.resolve("out/weather"));
        recording = Json.parse(Files.readString(SharedData.require(LONDON)));
    }

    /** One run's weather for the event and the provider's counts. */
    private record Ran(EventWeather weather, WeatherCalls.Counts counts) {
    }

    private Ran run(WeatherHttp http) {
        WeatherRun run = new WeatherRun(store, weatherFolder);
        MetNoLocationforecast provider = new MetNoLocationforecast(
                run.calls(MetNoLocationforecast.NAME, http, MetNoFixture.CACHE_RULES, clock), MetNoFixture.USER_AGENT, clock);
        EventWeather weather = OneEvent.weather(provider, "e1", LAT, LON, EVENT);
        return new Ran(weather, run.counts().get(MetNoLocationforecast.NAME));
    }

    private Ran run() {
        return run(metNo.client());
    }

    /** An answer with the recording's headers as api.met.no sent them (not the transport ones), but this body and Last-Modified. */
    private ResponseDefinitionBuilder recorded(JsonNode body, String lastModified) {
        ResponseDefinitionBuilder response = aResponse().withStatus(recording.path("status_code").asInt()).withBody(Json.write(body))
                .withHeader("Last-Modified", lastModified);
        for (String name : List.of("Content-Type", "Expires", "X-Varnish", "X-Backend-Host")) {
            response.withHeader(name, recording.path("headers").path(name).asText());
        }
        return response;
    }

    private void serveRecording() {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH))
                .willReturn(recorded(recording.path("data"), recording.at("/headers/Last-Modified").asText())));
    }

    private Path cacheFolder() {
        return temp.resolve("out/weather/cache/metno");
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.isDirectory(cacheFolder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheFolder())) {
            return files.toList();
        }
    }

    private JsonNode cacheFile() throws IOException {
        assertThat(cacheFiles()).hasSize(1);
        return Json.parse(Files.readString(cacheFiles().get(0)));
    }

    @Test
    void aSecondRunBeforeExpiresAsksNothingAndGetsTheSameWeather() {
        serveRecording();
        Ran first = run();
        clock.advance(Duration.ofMinutes(20));
        Ran second = run();

        assertThat(first.weather().status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(first.weather().values().airTemperatureC()).as("the 12:00 step of the recording").isNotNull();
        assertThat(second.weather()).isEqualTo(first.weather());
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        assertThat(first.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(0, 1, 0, 0));
    }

    @Test
    void afterExpiresItAsksIfModifiedSinceTheLastModifiedAndA304ReusesTheCachedBody() throws IOException {
        serveRecording();
        Ran first = run();
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).withHeader("If-Modified-Since", equalTo(LAST_MODIFIED))
                .atPriority(1).willReturn(aResponse().withStatus(304).withHeader("Expires", "Mon, 20 Jul 2020 12:50:00 GMT")));

        clock.advance(Duration.ofMinutes(35));
        Ran revalidated = run();

        assertThat(revalidated.weather()).isEqualTo(first.weather());
        assertThat(revalidated.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 1, 0));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withHeader("If-Modified-Since", equalTo(LAST_MODIFIED)));
        JsonNode file = cacheFile();
        assertThat(file.path("requested_at").asText()).as("the body is still the first answer's").isEqualTo("2020-07-20T11:44:31Z");
        assertThat(file.path("revalidated_at").asText()).isEqualTo("2020-07-20T12:19:31Z");
        assertThat(file.at("/headers/Expires").asText()).as("the 304's Expires").isEqualTo("Mon, 20 Jul 2020 12:50:00 GMT");
        assertThat(file.at("/headers/Last-Modified").asText()).isEqualTo(LAST_MODIFIED);

        clock.advance(Duration.ofMinutes(10));
        Ran beforeTheNewExpires = run();

        assertThat(beforeTheNewExpires.counts()).isEqualTo(new WeatherCalls.Counts(0, 1, 0, 0));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void aNewForecastAfterExpiresReplacesTheCachedOne() throws IOException {
        serveRecording();
        Ran first = run();
        ObjectNode changed = recording.path("data").deepCopy();
        Iterator<JsonNode> steps = changed.at("/properties/timeseries").elements();
        steps.next();
        ((ObjectNode) steps.next().at("/data/instant/details")).put("air_temperature", 99.9);
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).withHeader("If-Modified-Since", equalTo(LAST_MODIFIED))
                .atPriority(1).willReturn(recorded(changed, "Mon, 20 Jul 2020 12:17:02 GMT")));

        clock.advance(Duration.ofMinutes(35));
        Ran second = run();

        assertThat(first.weather().values().airTemperatureC()).isNotEqualTo(99.9);
        assertThat(second.weather().values().airTemperatureC()).isEqualTo(99.9);
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        JsonNode file = cacheFile();
        assertThat(file.at("/body/properties/timeseries/1/data/instant/details/air_temperature").asDouble()).isEqualTo(99.9);
        assertThat(file.at("/headers/Last-Modified").asText()).isEqualTo("Mon, 20 Jul 2020 12:17:02 GMT");
        assertThat(file.path("requested_at").asText()).isEqualTo("2020-07-20T12:19:31Z");
        assertThat(file.has("revalidated_at")).isFalse();
    }

    @Test
    void theCacheFileHoldsTheRequestUrlTimeAndCacheHeadersAndNothingOfTheRequest() throws IOException {
        serveRecording();
        run();

        JsonNode file = cacheFile();
        assertThat(cacheFiles().get(0).getFileName().toString())
                .isEqualTo(ResponseCache.sha256(metNo.url() + "?lat=51.5&lon=-0.1") + ".json")
                .matches("[0-9a-f]{64}\\.json");
        assertThat(file.path("format_version").asText()).isEqualTo(CachedResponse.FORMAT_VERSION);
        assertThat(file.path("request_url").asText()).isEqualTo(metNo.url() + "?lat=51.5&lon=-0.1");
        assertThat(file.path("requested_at").asText()).isEqualTo("2020-07-20T11:44:31Z");
        assertThat(file.path("status").asInt()).isEqualTo(200);
        assertThat(file.path("body")).as("the body as JSON, not as a string").isEqualTo(recording.path("data"));
        List<String> headers = new ArrayList<>();
        file.path("headers").fieldNames().forEachRemaining(headers::add);
        assertThat(headers).contains("Content-Type", "Expires", "Last-Modified").isSubsetOf(WeatherHttp.CACHE_HEADERS);
        assertThat(file.at("/headers/Expires").asText()).isEqualTo(EXPIRES);
        String text = Files.readString(cacheFiles().get(0));
        assertThat(text).doesNotContainIgnoringCase("authorization").doesNotContain(MetNoFixture.USER_AGENT)
                .doesNotContain("X-Varnish").doesNotContain("b_ybs_api3");
    }

    @Test
    void theRequestUrlIsTheBaseUrlPathAndQueryWithoutCredentials() {
        WeatherHttp withCredentials = metNo.client("https://client-id:secret@frost.example", 1000).withHeader("Authorization", "Basic x");

        assertThat(withCredentials.requestUrl("observations/v0.jsonld", "sources=SN18700&elements=air_temperature"))
                .isEqualTo("https://frost.example/observations/v0.jsonld?sources=SN18700&elements=air_temperature");
        assertThat(metNo.client().requestUrl("", "lat=1&lon=2")).isEqualTo(metNo.url() + "?lat=1&lon=2");
    }

    @Test
    void aServerErrorIsNeverCachedAndTheNextRunAsksAgain() throws IOException {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(500).withBody("oops")));

        Ran first = run();
        Ran second = run();

        assertThat(first.weather().reason()).contains("HTTP 500");
        assertThat(second.weather().reason()).contains("HTTP 500");
        assertThat(first.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 1));
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 1));
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void aThrottledAnswerAfterItsRetriesIsNeverCached() throws IOException {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        List<Duration> waits = new ArrayList<>();
        WeatherHttp retrying = new WeatherHttp(metNo.producer, MetNoLocationforecast.SERVICE, metNo.url(), MetNoFixture.USER_AGENT,
                MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS,
                new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(10), waits::add));

        Ran first = run(retrying);
        serveRecording();
        Ran second = run(retrying);

        assertThat(first.weather().reason()).contains("HTTP 429");
        assertThat(first.counts()).isEqualTo(new WeatherCalls.Counts(2, 0, 0, 1));
        assertThat(second.weather().status()).as("asked again, not answered 429 from the cache").isEqualTo(EventWeather.AVAILABLE);
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        metNo.server.verify(3, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        assertThat(cacheFiles()).hasSize(1);
    }

    @Test
    void aCorruptCacheFileIsIgnoredAskedAgainAndOverwritten() throws IOException {
        serveRecording();
        run();
        Files.writeString(cacheFiles().get(0), "{\"format_version\": \"1.0\", \"request_url\": tru");

        Ran second = run();

        assertThat(second.weather().status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(second.counts()).isEqualTo(new WeatherCalls.Counts(1, 0, 0, 0));
        metNo.server.verify(2, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)).withHeader("If-Modified-Since", absent()));
        assertThat(cacheFile().path("body")).isEqualTo(recording.path("data"));
        assertThat(log.warnings()).singleElement().asString().startsWith("WARN Weather cache file:")
                .contains("is not a cached answer").contains("asking the service again and replacing it");
    }

    @Test
    void aBodyTheProviderCannotReadIsKeptAsTextButNeverReused() throws IOException {
        metNo.server.stubFor(get(urlPathEqualTo(MetNoFixture.PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Expires", "Mon, 20 Jul 2020 13:00:00 GMT").withBody("<html>maintenance</html>")));

        Ran first = run();
        Ran second = run();

        assertThat(first.weather().reason()).contains("could not be read");
        assertThat(second.counts()).as("asked again despite the Expires").isEqualTo(new WeatherCalls.Counts(1, 0, 0, 1));
        JsonNode file = cacheFile();
        assertThat(file.path("body_text").asText()).isEqualTo("<html>maintenance</html>");
        assertThat(file.path("unreadable").asBoolean()).isTrue();
    }
}
