package dk.munin.weather;

import java.time.Instant;
import java.util.List;

/**
 * Past weather from Open-Meteo's Historical Weather API (ERA5 and other reanalyses, global, no
 * key). A camera-trap event is usually weeks or months old when the photos are collected, long
 * after any forecast covered it; the archive covers every day from 1940 to a few days ago.
 * One request per place and span of days; times asked for in GMT and read with the body's own
 * {@code utc_offset_seconds}.
 */
public class OpenMeteoArchive implements WeatherProvider {

    public static final String NAME = "open-meteo-archive";
    public static final String SERVICE = "Open-Meteo";
    public static final String ATTRIBUTION = "Weather data by Open-Meteo.com (ERA5 reanalysis), CC BY 4.0";
    /** The archive's variables of the seed's list; it has no visibility or UV index (docs/weather.md). */
    static final List<String> HOURLY = List.of(OpenMeteoHourly.TEMPERATURE, OpenMeteoHourly.HUMIDITY, OpenMeteoHourly.DEW_POINT,
            OpenMeteoHourly.PRECIPITATION, OpenMeteoHourly.WIND_SPEED, OpenMeteoHourly.WIND_DIRECTION, OpenMeteoHourly.GUSTS,
            OpenMeteoHourly.PRESSURE, OpenMeteoHourly.CLOUD_COVER);

    private final WeatherCalls calls;

    public OpenMeteoArchive(WeatherCalls calls) {
        this.calls = calls;
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
    public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
        String query = OpenMeteoHourly.position(place) + "&start_date=" + OpenMeteoHourly.utcDay(from)
                + "&end_date=" + OpenMeteoHourly.utcDay(to) + OpenMeteoHourly.variables(HOURLY);
        return Fetched.from(calls, query, place, SERVICE + "'s archive", SERVICE + "'s", OpenMeteoHourly::reason,
                body -> OpenMeteoHourly.series(HourlySeries.parse(body), place));
    }
}
