package dk.munin.stage.weatherenrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dk.munin.cluster.Event;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.testing.TestStates;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.MetNoFixture;
import dk.munin.weather.OneEvent;
import dk.munin.weather.RetryPolicy;
import dk.munin.weather.TestEvents;
import dk.munin.weather.WeatherHttp;
import dk.munin.weather.WeatherProviders;
import dk.munin.weather.WeatherSettings;
import dk.munin.weather.WeatherValues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dk.munin.weather.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The WeatherEnrichment stage: state in, event_weather.json and the summary out, through real local storage. */
class WeatherEnrichmentTest {

    private static final double LAT = 55.6761;
    private static final double LON = 12.5683;

    private static MetNoFixture metNo;

    @TempDir
    Path temp;

    private final LocalFileStore store = new LocalFileStore();
    private Location output;

    @BeforeAll
    static void start() {
        metNo = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        metNo.close();
    }

    @BeforeEach
    void setUp() {
        metNo.server.resetAll();
        metNo.serve(MetNoFixture.resource("locationforecast-minimal.json"));
        output = Location.of(temp.resolve("out"));
    }

    private ObjectNode state(List<Event> events, Integer weatherDaysBack) {
        ObjectNode state = Json.object();
        state.put(RunState.SESSION_ID, TestEvents.SESSION_ID);
        state.put(RunState.OUTPUT_URI, output.uri());
        state.set(RunState.STAGE2_POST, TestStates.stage2Post(TestEvents.writeEventsFile(store, output, events)));
        if (weatherDaysBack != null) {
            state.put(RunState.WEATHER_DAYS_BACK, weatherDaysBack);
        }
        return state;
    }

    private WeatherEnrichment stage(String provider) {
        return stage(provider, metNo.client());
    }

    private WeatherEnrichment stage(String provider, WeatherHttp client) {
        return new WeatherEnrichment(store, WeatherProviders.named(List.of(provider), new WeatherProviders.Clients(client,
                unreachable(), unreachable()), MetNoFixture.settings(),
                OneEvent.FORECAST_NOW), List.of("animal"));
    }

    /** A client of a service that cannot be reached here (Open-Meteo's archive and forecast in these tests). */
    private WeatherHttp unreachable() {
        return metNo.client(MetNoFixture.closedPortUrl(), MetNoFixture.RESPONSE_TIMEOUT_MS);
    }

    private List<EventWeather> writtenWeather() {
        return EventWeatherFile.read(store, output.resolve(EventWeatherFile.FOLDER)).orElseThrow();
    }

    @Test
    void enrichesEveryEventAndSaysWhyWhereThereIsNoWeather() {
        ObjectNode input = state(List.of(
                event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON),
                event("e2", Instant.parse("2024-05-01T12:20:00Z"), null, null),
                event("e3", null, LAT, LON),
                event("e4", Instant.parse("2024-04-01T06:00:00Z"), LAT, LON),
                event("e5", Instant.parse("2024-05-01T13:05:00Z"), LAT + 0.00001, LON)), 7);

        JsonNode result = stage("metno").enrich(input);

        List<EventWeather> weather = writtenWeather();
        assertThat(weather).extracting(EventWeather::eventId).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(weather).extracting(EventWeather::status).containsExactly(
                "available", "no_location", "unavailable", "unavailable", "available");
        assertThat(weather.get(0).values().airTemperatureC()).isEqualTo(14.2);
        assertThat(weather.get(4).values().airTemperatureC()).isEqualTo(15.1);
        assertThat(weather.get(1).reason()).contains("no location");
        assertThat(weather.get(2).reason()).contains("no UTC time");
        assertThat(weather.get(3).reason()).as("weather_days_back no longer skips an event; MET is not asked for a past time")
                .isEqualTo("not asked: its forecast starts at the current hour (2024-05-01T11:00:00Z) and holds no past times");
        // e5 shares e1's rounded position and time: one request in all.
        metNo.server.verify(1, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));

        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("weather_uri").asText()).isEqualTo(output.resolve("weather/").uri());
        JsonNode summary = result.path(RunState.WEATHER_ENRICHMENT);
        assertThat(summary.path("provider").asText()).isEqualTo("metno");
        assertThat(summary.path("events_with_weather").asInt()).isEqualTo(2);
        assertThat(summary.path("events_without_weather").asInt()).isEqualTo(3);
        assertThat(summary.path("attribution").asText()).contains("The Norwegian Meteorological Institute");
        assertThat(result.path(RunState.STAGE2_POST)).isEqualTo(input.path(RunState.STAGE2_POST));
        assertThat(input.has(RunState.WEATHER_ENRICHMENT)).as("the caller's state is not changed").isFalse();
    }

    @Test
    void onlyPositiveEventsGetWeatherAndTheOthersSayWhy() {
        Instant time = Instant.parse("2024-05-01T12:20:00Z");
        ObjectNode input = state(List.of(
                event("e1", time, LAT, LON),
                TestEvents.ofSpecies(event("e2", time, LAT, LON), "person", "detector"),
                TestEvents.ofSpecies(event("e3", time, LAT, LON), "blank", "folder"),
                TestEvents.ofSpecies(event("e4", time, LAT, LON), "PBE", "folder")), 0);

        JsonNode result = stage("metno").enrich(input);

        List<EventWeather> weather = writtenWeather();
        assertThat(weather).extracting(EventWeather::status).containsExactly("available", "negative", "negative", "available");
        assertThat(weather.get(1).reason()).isEqualTo("a person event: munin.weather.categories (animal) says which events get weather");
        assertThat(weather.get(2).reason()).startsWith("a blank event");
        assertThat(weather.get(1).provider()).isNull();
        assertThat(weather.get(1).values()).isEqualTo(WeatherValues.NONE);
        assertThat(weather.get(3).values().airTemperatureC()).as("camtrapR's species code PBE names an animal").isEqualTo(14.2);
        JsonNode summary = result.path(RunState.WEATHER_ENRICHMENT);
        assertThat(summary.at("/without_weather/negative").asInt()).isEqualTo(2);
        assertThat(summary.at("/providers/metno/requests").asInt()).isEqualTo(1);
        assertThat(summary.at("/providers/metno/events_with_weather").asInt()).isEqualTo(2);
        assertThat(summary.at("/providers/metno/failures").asInt()).isZero();
        assertThat(summary.at("/providers/metno/skipped").isNull()).isTrue();
    }

    @Test
    void everyRequestToMetNorwayCarriesTheUserAgentAndAtMostFourDecimals() {
        Instant time = Instant.parse("2024-05-01T12:20:00Z");
        stage("metno").enrich(state(List.of(
                event("e1", time, 55.676_149_93, 12.568_350_17),
                event("e2", time, -33.868_820_01, 151.209_295_55),
                event("e3", time, 78.2232, 15.6267),
                event("e4", time, 0.000_04, -0.000_06)), 0));

        List<LoggedRequest> requests = metNo.server.findAll(getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
        assertThat(requests).hasSize(4).allSatisfy(request -> {
            assertThat(request.getHeader("User-Agent")).isEqualTo(MetNoFixture.USER_AGENT);
            for (String coordinate : List.of("lat", "lon")) {
                assertThat(request.queryParameter(coordinate).firstValue()).matches("-?\\d+(\\.\\d{1,4})?");
            }
        });
        assertThat(requests).extracting(r -> r.queryParameter("lat").firstValue() + "," + r.queryParameter("lon").firstValue())
                .containsExactlyInAnyOrder("55.6761,12.5684", "-33.8688,151.2093", "78.2232,15.6267", "0,-0.0001");
    }

    @Test
    void aProviderThatLacksWhatItNeedsIsSkippedAndTheReportSaysSoOnce() {
        ObjectNode input = state(List.of(event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON)), 0);
        WeatherSettings anonymous = new WeatherSettings(List.of(), "", "", "", "munin/0.1", OneEvent.TOLERANCE, 1000, 1000,
                RetryPolicy.NONE, OneEvent.SPANS, List.of("animal"), WeatherSettings.Frost.NONE, MetNoFixture.CACHE_RULES);
        WeatherEnrichment stage = new WeatherEnrichment(store, WeatherProviders.named(List.of("metno"),
                new WeatherProviders.Clients(metNo.client(), metNo.client(), metNo.client()), anonymous, OneEvent.FORECAST_NOW),
                List.of("animal"));

        JsonNode summary = stage.enrich(input).path(RunState.WEATHER_ENRICHMENT);

        assertThat(summary.at("/providers/metno/skipped").asText()).contains("has no contact");
        assertThat(summary.at("/providers/metno/requests").asInt()).isZero();
        assertThat(writtenWeather()).singleElement().satisfies(w -> assertThat(w.reason()).contains("has no contact"));
        metNo.server.verify(0, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void withoutWeatherDaysBackEveryEventIsLookedUpToo() {
        ObjectNode input = state(List.of(event("e4", Instant.parse("2024-04-01T06:00:00Z"), LAT, LON)), null);

        stage("metno").enrich(input);

        assertThat(writtenWeather().get(0).reason()).contains("its forecast starts at the current hour");
        metNo.server.verify(0, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void theDefaultChainAsksTheArchiveFirstAndMetNorwayForTheTimesItsForecastCovers() {
        ObjectNode input = state(List.of(event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON)), 7);
        // the archive is not reachable here: the event gets MET Norway's step, and the summary names the chain
        WeatherEnrichment stage = new WeatherEnrichment(store, WeatherProviders.named(List.of("open-meteo-archive", "metno"),
                new WeatherProviders.Clients(metNo.client(), unreachable(), unreachable()),
                MetNoFixture.settings(), OneEvent.FORECAST_NOW), List.of("animal"));

        JsonNode result = stage.enrich(input);

        assertThat(writtenWeather()).singleElement().satisfies(w -> assertThat(w.provider()).isEqualTo("metno"));
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("provider").asText()).isEqualTo("open-meteo-archive,metno");
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("attribution").asText()).contains("Open-Meteo.com")
                .contains("The Norwegian Meteorological Institute");
    }

    @Test
    void providerNoneMarksEveryEventWithoutAsking() {
        ObjectNode input = state(List.of(
                event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON),
                event("e2", null, null, null)), 7);

        JsonNode result = stage("none").enrich(input);

        assertThat(writtenWeather()).allSatisfy(w -> {
            assertThat(w.status()).isEqualTo(EventWeather.UNAVAILABLE);
            assertThat(w.reason()).isEqualTo("weather provider is none");
            assertThat(w.provider()).isEqualTo("none");
        });
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("provider").asText()).isEqualTo("none");
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("events_without_weather").asInt()).isEqualTo(2);
        metNo.server.verify(0, getRequestedFor(urlPathEqualTo(MetNoFixture.PATH)));
    }

    @Test
    void anUnreachableProviderDoesNotStopTheStage() {
        ObjectNode input = state(List.of(
                event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON),
                event("e2", Instant.parse("2024-05-01T12:20:00Z"), 56.0, 10.0)), 7);

        JsonNode result = stage("metno", metNo.client(MetNoFixture.closedPortUrl(), MetNoFixture.RESPONSE_TIMEOUT_MS)).enrich(input);

        assertThat(writtenWeather()).allSatisfy(w -> assertThat(w.reason()).contains("could not be reached"));
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("events_with_weather").asInt()).isZero();
    }

    @Test
    void zeroEventsGiveAnEmptyFile() {
        JsonNode result = stage("metno").enrich(state(List.of(), 7));

        assertThat(writtenWeather()).isEmpty();
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("events_with_weather").asInt()).isZero();
        assertThat(result.path(RunState.WEATHER_ENRICHMENT).path("events_without_weather").asInt()).isZero();
    }

    @Test
    void aRerunReplacesTheFile() {
        ObjectNode input = state(List.of(event("e1", Instant.parse("2024-05-01T12:20:00Z"), LAT, LON)), 7);
        WeatherEnrichment stage = stage("metno");

        stage.enrich(input);
        stage.enrich(input);

        assertThat(writtenWeather()).hasSize(1);
        // beside it only the cache of MET Norway's answer, which the second run reused
        Location folder = output.resolve(EventWeatherFile.FOLDER);
        assertThat(store.list(folder)).extracting(object -> folder.relativize(object.location()))
                .filteredOn(name -> !name.startsWith("cache/")).containsExactly(EventWeatherFile.NAME);
    }

    @Test
    void anUnknownProviderNameIsRefused() {
        assertThatThrownBy(() -> WeatherProviders.named(List.of("open-meteo"), new WeatherProviders.Clients(metNo.client(),
                metNo.client(), metNo.client()), MetNoFixture.settings(), OneEvent.FORECAST_NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open-meteo");
    }
}
