package dk.munin.weather;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Past weather from Open-Meteo's Historical Weather API (ERA5 and other reanalyses, global, no
 * key): the hour nearest an event's time, when it is at most {@code maxStepDistance} away. A
 * camera-trap event is usually weeks or months old when the photos are collected, long after
 * any forecast covered it; the archive covers every day from 1940 to a few days ago.
 *
 * <p>One instance serves one run and asks once per rounded position and span of days,
 * remembering the answer (or the failure) for every further event there. Times are asked for in
 * GMT and read with the body's own {@code utc_offset_seconds}.
 */
public class OpenMeteoArchive implements WeatherProvider {

    public static final String NAME = "open-meteo-archive";
    public static final String SERVICE = "Open-Meteo";
    public static final String ATTRIBUTION = "Weather data by Open-Meteo.com (ERA5 reanalysis), CC BY 4.0";
    /** The variables asked for, in Open-Meteo's names; the wind in m/s, as MET Norway gives it. */
    static final List<String> HOURLY = List.of("temperature_2m", "relative_humidity_2m", "precipitation", "wind_speed_10m",
            "wind_direction_10m", "cloud_cover", "pressure_msl");
    private static final String KMH = "km/h";
    private static final double KMH_PER_MS = 3.6;

    private final WeatherHttp client;
    private final Duration maxStepDistance;
    private final Map<Request, Fetched<HourlySeries>> fetched = new HashMap<>();

    /** @param maxStepDistance munin.weather.max-step-distance-minutes */
    public OpenMeteoArchive(WeatherHttp client, Duration maxStepDistance) {
        this.client = client;
        this.maxStepDistance = maxStepDistance;
    }

    /** One archive request: a place and the days (in UTC) around an event's time. */
    private record Request(RoundedPosition position, LocalDate start, LocalDate end) {

        String query() {
            return "latitude=" + position.latitude() + "&longitude=" + position.longitude() + "&start_date=" + start
                    + "&end_date=" + end + "&hourly=" + String.join(",", HOURLY) + "&wind_speed_unit=ms&timezone=GMT";
        }
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
    public EventWeather weatherAt(String eventId, double latitude, double longitude, Instant utc) {
        RoundedPosition position = RoundedPosition.of(latitude, longitude);
        // the nearest hour may fall on the next or the previous day
        Request request = new Request(position, day(utc.minus(maxStepDistance)), day(utc.plus(maxStepDistance)));
        Fetched<HourlySeries> answer = fetched.computeIfAbsent(request, this::fetch);
        if (answer.failure() != null) {
            return EventWeather.unavailable(eventId, NAME, answer.failure());
        }
        HourlySeries series = answer.answer();
        return series.hourNear(utc, maxStepDistance)
                .map(hour -> available(eventId, series, hour, position, utc))
                .orElseGet(() -> EventWeather.unavailable(eventId, NAME, String.format(
                        "no archive hour within %d minutes of the event time %s: Open-Meteo's answer for %s covers %s to %s",
                        maxStepDistance.toMinutes(), utc, position, series.first(), series.last())));
    }

    private Fetched<HourlySeries> fetch(Request request) {
        return Fetched.from(client, request.query(), request.position(), SERVICE + "'s archive", SERVICE + "'s",
                OpenMeteoArchive::reason, HourlySeries::parse);
    }

    /** The archive lags a few days behind today: an hour it does not hold yet has only nulls. */
    private static EventWeather available(String eventId, HourlySeries series, int hour, RoundedPosition position, Instant utc) {
        Double temperature = series.value("temperature_2m", hour);
        Double wind = series.value("wind_speed_10m", hour);
        if (temperature == null && wind == null && series.value("relative_humidity_2m", hour) == null) {
            return EventWeather.unavailable(eventId, NAME, "Open-Meteo's archive has no values yet for " + series.hour(hour)
                    + " at " + position + " (it lags a few days behind today)");
        }
        if (wind != null && KMH.equals(series.unit("wind_speed_10m"))) {
            wind = wind / KMH_PER_MS;
        }
        return new EventWeather(eventId, EventWeather.AVAILABLE, null, NAME, series.hour(hour), temperature,
                series.value("relative_humidity_2m", hour), wind, series.value("wind_direction_10m", hour),
                series.value("cloud_cover", hour), series.value("pressure_msl", hour), series.value("precipitation", hour),
                // Open-Meteo's hourly precipitation is the sum over the hour before the time stamp
                series.value("precipitation", hour) == null ? null : 1, null);
    }

    /** Open-Meteo's error bodies say why: {"error": true, "reason": "..."}. */
    private static String reason(String body) {
        if (body == null || !body.contains("\"reason\"")) {
            return "";
        }
        try {
            return ": " + new ObjectMapper().readTree(body).path("reason").asText();
        } catch (IOException e) {
            return "";
        }
    }

    private static LocalDate day(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }
}
