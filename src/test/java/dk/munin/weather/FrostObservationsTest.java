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
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MET Norway's Frost on a local WireMock serving the recorded Bergen answers
 * (../shared/data/weather/frost/) and bodies written from Frost's documentation
 * (src/test/resources/weather/frost/, see its README), through camel-http as in production.
 */
class FrostObservationsTest {

    private static final String SOURCES_PATH = "/sources/v0.jsonld";
    private static final String OBSERVATIONS_PATH = "/observations/v0.jsonld";
    private static final String SOURCES = "weather/frost/sources_nearest_bergen_SN50540.json";
    private static final String OBSERVATIONS = "weather/frost/observations_SN50540_bergen-florida_2022-04-01_t-rh-wind.json";
    private static final String CLIENT_ID = "munin-test-client";
    /** Base64 of "munin-test-client:" (the client id, a colon, an empty password), worked out by hand. */
    private static final String BASIC_AUTH = "Basic bXVuaW4tdGVzdC1jbGllbnQ6";
    /** The point the recorded sources answer was asked for (its currentLink: POINT(5.3199 60.3915)). */
    private static final RoundedPosition BERGEN = RoundedPosition.of(60.3915, 5.3199);
    private static final Duration TOLERANCE = Duration.ofMinutes(30);
    private static final WeatherLookup.Spans SPANS = new WeatherLookup.Spans(Duration.ofDays(7), Duration.ofDays(366));

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

    private static FrostObservations frost(String clientId, double maxDistanceKm) {
        WeatherHttp http = new WeatherHttp(servers.producer, FrostObservations.SERVICE, servers.server.baseUrl(),
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        return new FrostObservations(new WeatherCalls(FrostObservations.authorised(http, clientId)), clientId, maxDistanceKm);
    }

    private static WeatherLookup lookup(FrostObservations frost) {
        return new WeatherLookup(List.of(frost), TOLERANCE, 0, SPANS);
    }

    private static EventTime event(String id, String utc) {
        return new EventTime(id, Instant.parse(utc), ZoneOffset.ofHours(2));
    }

    private static String recorded(String file) throws IOException {
        return Files.readString(SharedData.require(file));
    }

    private static void serveStation() throws IOException {
        servers.server.stubFor(get(urlPathEqualTo(SOURCES_PATH)).willReturn(okJson(recorded(SOURCES))));
    }

    private static void serveObservations(int status, String body) {
        servers.server.stubFor(get(urlPathEqualTo(OBSERVATIONS_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void anEventGetsTheNearestStationsObservationOfItsHourAskedWithTheClientId() throws IOException {
        serveStation();
        serveObservations(200, recorded(OBSERVATIONS));

        EventWeather weather = lookup(frost(CLIENT_ID, 20)).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.status()).isEqualTo(EventWeather.AVAILABLE);
        assertThat(weather.provider()).isEqualTo("frost");
        assertThat(weather.attribution()).isEqualTo("Data from The Norwegian Meteorological Institute (MET Norway), CC BY 4.0");
        assertThat(weather.source()).isEqualTo(new WeatherSource("SN50540", "BERGEN - FLORIDA", 60.383, 5.3327, 1.18));
        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2022-04-01T12:00:00Z"));
        // data[12] of the observations file, read by hand: referenceTime 2022-04-01T12:00:00.000Z,
        // air_temperature 7.2 degC, relative_humidity 30 percent, wind_speed 3 m/s (all timeOffset PT0H)
        assertThat(weather.values().airTemperatureC()).isEqualTo(7.2);
        assertThat(weather.values().relativeHumidityPercent()).isEqualTo(30.0);
        assertThat(weather.values().windSpeedMs()).isEqualTo(3.0);
        assertThat(weather.values().precipitationAmountMm()).as("the recording asked for no precipitation").isNull();
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(SOURCES_PATH))
                .withHeader("Authorization", equalTo(BASIC_AUTH))
                .withHeader("User-Agent", equalTo(MetNoFixture.USER_AGENT))
                .withQueryParam("types", equalTo("SensorSystem"))
                .withQueryParam("elements", equalTo("air_temperature,relative_humidity,wind_speed"))
                .withQueryParam("geometry", equalTo("nearest(POINT(5.3199 60.3915))"))
                .withQueryParam("nearestmaxcount", equalTo("1")));
        // the event's time give or take 30 minutes, and an hour more for the precipitation of the hour before
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(OBSERVATIONS_PATH))
                .withHeader("Authorization", equalTo(BASIC_AUTH))
                .withQueryParam("sources", equalTo("SN50540"))
                .withQueryParam("referencetime", equalTo("2022-04-01T11:40:00Z/2022-04-01T13:40:00Z"))
                .withQueryParam("elements", equalTo("air_temperature,relative_humidity,dew_point_temperature,"
                        + "sum(precipitation_amount PT1H),wind_speed,wind_from_direction,max(wind_speed_of_gust PT1H),"
                        + "air_pressure_at_sea_level,cloud_area_fraction")));
    }

    @Test
    void withoutAClientIdFrostIsSkippedWithTheSettingAndWhereToGetOneAndNothingIsAsked() {
        WeatherLookup lookup = lookup(frost("", 20));

        EventWeather weather = lookup.weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(lookup.skipped()).containsOnlyKeys("frost");
        assertThat(lookup.skipped().get("frost")).contains("munin.weather.frost.client-id")
                .contains("https://frost.met.no/auth/requestCredentials.html");
        assertThat(lookup.unavailableForEveryEvent()).contains(lookup.skipped().get("frost"));
        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(servers.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void aNearestStationFartherThanTheMaximumGivesNoWeatherAndItsObservationsAreNotAsked() throws IOException {
        serveStation();

        EventWeather weather = lookup(frost(CLIENT_ID, 1.0)).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("the nearest Frost station, SN50540 (BERGEN - FLORIDA), is 1.18 km from"
                + " 60.3915,5.3199: farther than munin.weather.frost.max-distance-km (1.0 km)");
        servers.server.verify(0, getRequestedFor(urlPathEqualTo(OBSERVATIONS_PATH)));
    }

    @Test
    void a404IsNoObservationsThereWithFrostsReasonNotACrash() throws IOException {
        serveStation();
        serveObservations(404, MetNoFixture.resource("frost/error_404_no_data.json"));

        EventWeather weather = lookup(frost(CLIENT_ID, 20)).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.status()).isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).isEqualTo("Frost has no observations at SN50540 (BERGEN - FLORIDA) from"
                + " 2022-04-01T11:40:00Z to 2022-04-01T13:40:00Z (HTTP 404: No data found)");
    }

    @Test
    void a412IsNoMatchingTimeSeriesLikewise() throws IOException {
        serveStation();
        serveObservations(412, MetNoFixture.resource("frost/error_412_no_timeseries.json"));

        EventWeather weather = lookup(frost(CLIENT_ID, 20)).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.reason()).startsWith("Frost has no observations at SN50540 (BERGEN - FLORIDA)")
                .endsWith("(HTTP 412: No available time series for the query)");
    }

    @Test
    void aPlaceWithoutAStationIsSaidSo() {
        servers.server.stubFor(get(urlPathEqualTo(SOURCES_PATH)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody(MetNoFixture.resource("frost/error_404_no_data.json"))));

        EventWeather weather = lookup(frost(CLIENT_ID, 20)).weatherAt(RoundedPosition.of(-34.76, 138.65),
                List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.reason()).isEqualTo("Frost knows no station measuring air_temperature, relative_humidity,"
                + " wind_speed near -34.76,138.65 (HTTP 404: No data found)");
        servers.server.verify(0, getRequestedFor(urlPathEqualTo(OBSERVATIONS_PATH)));
    }

    @Test
    void thePlacesStationIsAskedForOncePerRunWhateverTheSpans() throws IOException {
        serveStation();
        serveObservations(200, recorded(OBSERVATIONS));
        FrostObservations frost = frost(CLIENT_ID, 20);

        // three weeks apart: two spans, so two observation requests, one station request
        lookup(frost).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"), event("e2", "2022-04-22T12:10:00Z")));
        lookup(frost).weatherAt(RoundedPosition.of(60.39151, 5.31989), List.of(event("e3", "2022-04-01T18:00:00Z")));

        servers.server.verify(1, getRequestedFor(urlPathEqualTo(SOURCES_PATH)));
        servers.server.verify(3, getRequestedFor(urlPathEqualTo(OBSERVATIONS_PATH)));
    }

    /** An answer may quote the credentials it was sent; the reason goes into the outputs (weather_reason), the id must not. */
    @Test
    void aRefusalThatEchoesTheClientIdIsReportedWithoutIt() {
        servers.server.stubFor(get(urlPathEqualTo(SOURCES_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"code\": 401, \"reason\": \"client id " + CLIENT_ID + " (" + BASIC_AUTH
                        + ", bXVuaW4tdGVzdC1jbGllbnQ=, munin-test-client) is not authorised\"}}")));

        EventWeather weather = lookup(frost(" " + CLIENT_ID + " ", 20)).weatherAt(BERGEN, List.of(event("e1", "2022-04-01T12:10:00Z"))).get(0);

        assertThat(weather.reason()).isEqualTo("MET Norway's Frost answered HTTP 401 for 60.3915,5.3199: client id [client id hidden]"
                + " (Basic [client id hidden], [client id hidden], [client id hidden]) is not authorised");
    }

    @Test
    void credentialsInAUrlAreLeftOutOfEveryMessage() {
        assertThat(WeatherHttp.withoutUserInfo("cannot reach https://munin-test-client:pw@frost.met.no/sources/v0.jsonld: refused;"
                + " nor http://munin-test-client@proxy:3128/"))
                .isEqualTo("cannot reach https://frost.met.no/sources/v0.jsonld: refused; nor http://proxy:3128/");
    }

    @Test
    void otherClientsCarryNoAuthorization() throws IOException {
        serveStation();
        WeatherHttp plain = new WeatherHttp(servers.producer, FrostObservations.SERVICE, servers.server.baseUrl(),
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS);
        FrostObservations.authorised(plain, CLIENT_ID);

        assertThat(plain.get("sources/v0.jsonld", "types=SensorSystem").status()).isEqualTo(200);

        servers.server.verify(1, getRequestedFor(urlPathEqualTo(SOURCES_PATH)).withHeader("Authorization", absent()));
    }
}
