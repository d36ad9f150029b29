package dk.munin.weather;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Recent weather from Open-Meteo's Weather Forecast API, asked with {@code past_days}: the
 * forecast models' hours of the last days, which the archive does not hold yet (it fills them
 * only some days later), and the only Open-Meteo source of visibility and the UV index. One
 * request per place and span of days; times asked for in GMT and read with the body's own
 * {@code utc_offset_seconds}. A span it cannot hold (older than past_days reaches, or beyond
 * the forecast) is never asked for.
 */
public class OpenMeteoForecast implements WeatherProvider {

    public static final String NAME = "open-meteo-forecast";
    /** One service with two APIs: the archive's HTTP client settings and messages name it the same. */
    public static final String SERVICE = OpenMeteoArchive.SERVICE;
    public static final String ATTRIBUTION = "Weather data by Open-Meteo.com, CC BY 4.0";
    /** Open-Meteo's documented maximum of past_days (its OpenAPI description: 0 to 92). */
    static final int MAX_PAST_DAYS = 92;
    /** Open-Meteo's documented maximum of forecast_days (0 to 16), which counts today as the first. */
    static final int MAX_FORECAST_DAYS = 16;
    /** Every variable of the seed's list Open-Meteo has, visibility and UV index included. */
    static final List<String> HOURLY = List.of(OpenMeteoHourly.TEMPERATURE, OpenMeteoHourly.HUMIDITY, OpenMeteoHourly.DEW_POINT,
            OpenMeteoHourly.PRECIPITATION, OpenMeteoHourly.WIND_SPEED, OpenMeteoHourly.WIND_DIRECTION, OpenMeteoHourly.GUSTS,
            OpenMeteoHourly.PRESSURE, OpenMeteoHourly.CLOUD_COVER, OpenMeteoHourly.VISIBILITY, OpenMeteoHourly.UV_INDEX);

    private final WeatherCalls calls;
    private final Clock clock;

    /** @param clock says which day is today, from which past_days and forecast_days count */
    public OpenMeteoForecast(WeatherCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String attribution() {
        return ATTRIBUTION;
    }

    @Override
    public Optional<String> cannotCover(Instant from, Instant to) {
        LocalDate today = today();
        LocalDate oldest = today.minusDays(MAX_PAST_DAYS);
        LocalDate newest = today.plusDays(MAX_FORECAST_DAYS - 1);
        // Only a span wholly out of reach is refused: one that reaches into it is asked for the part
        // past_days and forecast_days hold, and its older events simply find no hour there.
        if (OpenMeteoHourly.utcDay(to).isBefore(oldest)) {
            return Optional.of("not asked: " + to + " is older than the forecast API's past_days (" + MAX_PAST_DAYS
                    + " days): the archive has it");
        }
        if (OpenMeteoHourly.utcDay(from).isAfter(newest)) {
            return Optional.of("not asked: " + from + " is beyond the forecast API's forecast_days (" + MAX_FORECAST_DAYS
                    + " days, to " + newest + ")");
        }
        return Optional.empty();
    }

    @Override
    public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
        LocalDate today = today();
        String query = OpenMeteoHourly.position(place) + "&past_days=" + pastDays(today, from)
                + "&forecast_days=" + forecastDays(today, to) + OpenMeteoHourly.variables(HOURLY);
        return Fetched.from(calls, query, place, SERVICE + "'s forecast", SERVICE + "'s", OpenMeteoHourly::reason,
                body -> OpenMeteoHourly.series(HourlySeries.parse(body), place));
    }

    /** The answer starts at 00:00 GMT of today minus past_days: back to the span's first UTC day, and no further. */
    static int pastDays(LocalDate today, Instant from) {
        long days = ChronoUnit.DAYS.between(OpenMeteoHourly.utcDay(from), today);
        return (int) Math.max(0, Math.min(MAX_PAST_DAYS, days));
    }

    /** forecast_days counts today: one day when the span ends today or before, more only when its end is later. */
    static int forecastDays(LocalDate today, Instant to) {
        long days = ChronoUnit.DAYS.between(today, OpenMeteoHourly.utcDay(to)) + 1;
        return (int) Math.max(1, Math.min(MAX_FORECAST_DAYS, days));
    }

    /** In GMT, as the request's timezone=GMT makes Open-Meteo count its days. */
    private LocalDate today() {
        return clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
