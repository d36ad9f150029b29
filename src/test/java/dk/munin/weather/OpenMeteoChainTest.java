package dk.munin.weather;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The chain the docs recommend, open-meteo-archive then open-meteo-forecast, on one WireMock
 * serving bodies written from the docs: the archive answers the old event, and the forecast is
 * asked only for the recent one the archive has no values for yet.
 */
class OpenMeteoChainTest {

    private static final String ARCHIVE = "/v1/archive";
    private static final String FORECAST = "/v1/forecast";
    private static final Instant NOW = Instant.parse("2024-10-15T12:30:00Z");

    private static MetNoFixture servers;

    @BeforeAll
    static void start() {
        servers = new MetNoFixture();
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    private static WeatherCalls calls(String path) {
        return new WeatherCalls(new WeatherHttp(servers.producer, OpenMeteoArchive.SERVICE, servers.server.baseUrl() + path,
                MetNoFixture.USER_AGENT, MetNoFixture.CONNECT_TIMEOUT_MS, MetNoFixture.RESPONSE_TIMEOUT_MS));
    }

    private static void serve(String path, String startDate, String fixture) {
        MappingBuilder request = get(urlPathEqualTo(path));
        if (startDate != null) {
            request = request.withQueryParam("start_date", equalTo(startDate));
        }
        servers.server.stubFor(request.willReturn(okJson(MetNoFixture.resource("open-meteo/" + fixture))));
    }

    @Test
    void theForecastAnswersOnlyTheEventTheArchiveHasNoValuesForYet() {
        serve(ARCHIVE, "2024-05-01", "archive_all-archive-variables.json");
        serve(ARCHIVE, "2024-10-14", "archive_not-yet-held_2024-10-14_nulls.json");
        serve(FORECAST, null, "forecast_past-days_all-seed-variables.json");
        WeatherLookup chain = new WeatherLookup(List.of(new OpenMeteoArchive(calls(ARCHIVE)),
                new OpenMeteoForecast(calls(FORECAST), Clock.fixed(NOW, ZoneOffset.UTC))), Duration.ofMinutes(30), 0,
                new WeatherLookup.Spans(Duration.ofDays(7), Duration.ofDays(366)));
        ZoneOffset summer = ZoneOffset.ofHours(2);

        List<EventWeather> weather = chain.weatherAt(RoundedPosition.of(60.3913, 5.3221), List.of(
                new EventTime("old", Instant.parse("2024-05-01T12:10:00Z"), summer),
                new EventTime("recent", Instant.parse("2024-10-14T11:10:00Z"), summer)));

        assertThat(weather).extracting(EventWeather::eventId, EventWeather::provider)
                .containsExactly(tuple("old", "open-meteo-archive"),
                        tuple("recent", "open-meteo-forecast"));
        assertThat(weather.get(0).values().airTemperatureC()).as("the archive fixture's index 12").isEqualTo(14.7);
        assertThat(weather.get(1).values().ultravioletIndex()).as("the forecast fixture's index 11").isEqualTo(1.35);
        assertThat(chain.eventsWithWeather()).containsEntry("open-meteo-archive", 1L).containsEntry("open-meteo-forecast", 1L);
        servers.server.verify(2, getRequestedFor(urlPathEqualTo(ARCHIVE)));
        servers.server.verify(1, getRequestedFor(urlPathEqualTo(FORECAST)).withQueryParam("past_days", equalTo("1")));
    }
}
