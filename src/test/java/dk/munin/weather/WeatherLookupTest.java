package dk.munin.weather;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lookup every provider shares: which record an event gets, the days before it, and which
 * span it asks for. The provider here is a table of hours held in memory, so each figure can be
 * worked out by hand.
 */
class WeatherLookupTest {

    private static final Instant FIRST_HOUR = Instant.parse("2024-04-28T00:00:00Z");
    /** A Danish camera in May: UTC+2, so its days begin at 22:00 UTC. */
    private static final ZoneOffset CAMERA = ZoneOffset.ofHours(2);
    private static final Instant EVENT = Instant.parse("2024-05-01T10:10:00Z");
    private static final RoundedPosition PLACE = RoundedPosition.of(55.6761, 12.5683);

    /** Hours from FIRST_HOUR on: temperature = the hour's index, 0.1 mm of rain each hour. */
    private static final class HoursInMemory implements WeatherProvider {

        private final List<WeatherRecord> records = new ArrayList<>();
        private final List<Instant[]> asked = new ArrayList<>();

        HoursInMemory(int hours, int... missing) {
            for (int i = 0; i < hours; i++) {
                int index = i;
                if (Arrays.stream(missing).noneMatch(m -> m == index)) {
                    records.add(new WeatherRecord(FIRST_HOUR.plus(Duration.ofHours(i)),
                            new WeatherValues((double) i, null, null, 0.1, 1, null, null, null, null, null, null, null, null)));
                }
            }
        }

        @Override
        public String name() {
            return "hours";
        }

        @Override
        public String attribution() {
            return "test hours";
        }

        @Override
        public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
            asked.add(new Instant[] {from, to});
            return new Fetched<>(new WeatherSeries(new WeatherSource("grid 55.68,12.57", null, 55.68, 12.57, 0.4), records, true), null);
        }
    }

    private static EventWeather lookUp(WeatherProvider provider, int daysBack) {
        return new WeatherLookup(List.of(provider), Duration.ofMinutes(30), daysBack, OneEvent.SPANS)
                .weatherAt(PLACE, List.of(new EventTime("e1", EVENT, CAMERA))).get(0);
    }

    @Test
    void theEventGetsTheNearestHourWithItsOffsetAndProvenance() {
        EventWeather weather = lookUp(new HoursInMemory(96), 0);

        // 10:10 is nearest 10:00 on 2024-05-01: hour index 3 * 24 + 10 = 82
        assertThat(weather.recordTime()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(weather.recordOffsetMinutes()).isEqualTo(-10L);
        assertThat(weather.values().airTemperatureC()).isEqualTo(82.0);
        assertThat(weather.source().id()).isEqualTo("grid 55.68,12.57");
        assertThat(weather.attribution()).isEqualTo("test hours");
        assertThat(weather.priorDays()).as("weather_days_back 0 switches the summaries off").isNull();
    }

    @Test
    void theDaysBeforeAreTheCamerasCalendarDaysSummarisedFromTheSameHours() {
        HoursInMemory provider = new HoursInMemory(96);

        PriorDays prior = lookUp(provider, 2).priorDays();

        // 2024-04-30 at UTC+2 is 04-29T22:00Z .. 04-30T22:00Z: hours 46..69; the rain of an hour is
        // on the record that ends it, so 04-29T23:00Z .. 04-30T22:00Z, 24 records of 0.1 mm
        assertThat(prior.summaries()).extracting(DaySummary::date)
                .containsExactly(LocalDate.parse("2024-04-30"), LocalDate.parse("2024-04-29"));
        assertThat(prior.summaries().get(0)).isEqualTo(new DaySummary(LocalDate.parse("2024-04-30"), 2.4, 46.0, 69.0, 24));
        assertThat(prior.summaries().get(1)).isEqualTo(new DaySummary(LocalDate.parse("2024-04-29"), 2.4, 22.0, 45.0, 24));
        assertThat(prior.days()).isEqualTo(2);
        assertThat(prior.precipitationSumMm()).isEqualTo(4.8);
        assertThat(prior.airTemperatureMinC()).isEqualTo(22.0);
        assertThat(prior.airTemperatureMaxC()).isEqualTo(69.0);
        // one request, from the first day's local midnight to past the event
        assertThat(provider.asked).singleElement().satisfies(span -> {
            assertThat(span[0]).isEqualTo(Instant.parse("2024-04-28T22:00:00Z"));
            assertThat(span[1]).isEqualTo(Instant.parse("2024-05-01T11:40:00Z"));
        });
    }

    @Test
    void aDayWithAMissingHourHasNoPrecipitationSumAndNeitherHaveTheDaysTogether() {
        PriorDays prior = lookUp(new HoursInMemory(96, 30), 2).priorDays();

        assertThat(prior.summaries().get(1).precipitationSumMm()).isNull();
        assertThat(prior.summaries().get(1).hours()).isEqualTo(23);
        assertThat(prior.summaries().get(0).precipitationSumMm()).isEqualTo(2.4);
        assertThat(prior.precipitationSumMm()).isNull();
    }

    @Test
    void anHourWithoutAnyValueIsNoWeather() {
        EventWeather weather = lookUp(new HoursInMemory(96, 82), 0);

        assertThat(weather.status()).as("10:00 is missing and 09:00 and 11:00 are too far").isEqualTo(EventWeather.UNAVAILABLE);
        assertThat(weather.reason()).contains("no record within 30 minutes of the event time 2024-05-01T10:10:00Z");
    }

    @Test
    void theNextProviderIsAskedOnlyForWhatTheFirstLacked() {
        HoursInMemory none = new HoursInMemory(0 + 1);
        HoursInMemory full = new HoursInMemory(96);
        WeatherLookup chain = new WeatherLookup(List.of(none, full), Duration.ofMinutes(30), 0, OneEvent.SPANS);

        List<EventWeather> weather = chain.weatherAt(PLACE, List.of(new EventTime("e1", EVENT, CAMERA),
                new EventTime("e0", FIRST_HOUR, CAMERA)));

        assertThat(weather.get(1).values().airTemperatureC()).as("the first provider's only hour").isEqualTo(0.0);
        assertThat(weather.get(0).values().airTemperatureC()).isEqualTo(82.0);
        assertThat(full.asked).as("asked only for e1").singleElement()
                .satisfies(span -> assertThat(span[0]).isEqualTo(EVENT.minus(Duration.ofMinutes(30))));
    }
}
