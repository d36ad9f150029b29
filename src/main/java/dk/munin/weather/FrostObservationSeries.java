package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Frost's observations answer ({@code /observations/v0.jsonld}) into one record per
 * observation time. Each item holds a {@code referenceTime} and its observations; an
 * observation's own time is that referenceTime plus its {@code timeOffset}, an ISO-8601
 * duration (PT0H for the hourly elements asked for, PT6H for a daily one measured at 06 UTC).
 * Frost's times are UTC ("...Z"), so no time zone or summer time enters the reading.
 */
final class FrostObservationSeries {

    static final String TEMPERATURE = "air_temperature";
    static final String HUMIDITY = "relative_humidity";
    static final String DEW_POINT = "dew_point_temperature";
    static final String PRECIPITATION_HOUR = "sum(precipitation_amount PT1H)";
    static final String WIND_SPEED = "wind_speed";
    static final String WIND_DIRECTION = "wind_from_direction";
    static final String GUST_HOUR = "max(wind_speed_of_gust PT1H)";
    static final String PRESSURE = "air_pressure_at_sea_level";
    static final String CLOUD_COVER = "cloud_area_fraction";

    private static final String OCTAS = "octas";
    private static final double OCTAS_IN_SKY = 8.0;
    private static final int PRECIPITATION_PERIOD_HOURS = 1;

    private FrostObservationSeries() {
    }

    /** One observation as Frost gives it; a station may have several time series of one element. */
    private record Observation(double value, String unit, int timeSeriesId) {
    }

    /**
     * The records of an answer, for the station it was asked about.
     *
     * @throws IllegalArgumentException when the body is not a Frost ObservationResponse with observations
     */
    static WeatherSeries parse(String body, FrostStation station) {
        JsonNode data = Json.parse(body).path("data");
        if (!data.isArray()) {
            throw new IllegalArgumentException("it has no data array of observations");
        }
        Map<Instant, Map<String, Observation>> byTime = new TreeMap<>();
        for (JsonNode item : data) {
            Instant referenceTime = instant(item.path("referenceTime").asText());
            for (JsonNode observation : item.path("observations")) {
                keep(byTime.computeIfAbsent(referenceTime.plus(offset(observation)), time -> new HashMap<>()), observation);
            }
        }
        if (byTime.isEmpty()) {
            throw new IllegalArgumentException("it holds no observations at " + station);
        }
        List<WeatherRecord> records = new ArrayList<>();
        byTime.forEach((time, observations) -> records.add(new WeatherRecord(time, values(observations))));
        // sum(precipitation_amount PT1H) at a time is the hour ending there: see FrostObservations
        return new WeatherSeries(station.source(), records, true);
    }

    /** Of several time series of one element (sensors, levels), the first: the lowest timeSeriesId. */
    private static void keep(Map<String, Observation> atTime, JsonNode observation) {
        if (!observation.path("value").isNumber() || !observation.path("elementId").isTextual()) {
            return;
        }
        Observation read = new Observation(observation.path("value").asDouble(), observation.path("unit").asText(""),
                observation.path("timeSeriesId").asInt(0));
        atTime.merge(observation.path("elementId").asText(), read,
                (kept, other) -> other.timeSeriesId() < kept.timeSeriesId() ? other : kept);
    }

    private static WeatherValues values(Map<String, Observation> observations) {
        Double precipitation = value(observations, PRECIPITATION_HOUR);
        return new WeatherValues(value(observations, TEMPERATURE), value(observations, HUMIDITY), value(observations, DEW_POINT),
                precipitation, precipitation == null ? null : PRECIPITATION_PERIOD_HOURS,
                value(observations, WIND_SPEED), value(observations, WIND_DIRECTION), value(observations, GUST_HOUR),
                value(observations, PRESSURE), null, cloudPercent(observations.get(CLOUD_COVER)), null, null);
    }

    private static Double value(Map<String, Observation> observations, String element) {
        Observation observation = observations.get(element);
        return observation == null ? null : observation.value();
    }

    /**
     * Frost gives cloud cover in octas (eighths of the sky); the seed's column is a percentage.
     * 9 is WMO's "sky obscured" (fog, snow), not an amount, so it is no value.
     */
    private static Double cloudPercent(Observation cloud) {
        if (cloud == null) {
            return null;
        }
        if (!OCTAS.equals(cloud.unit())) {
            return cloud.value();
        }
        return cloud.value() > OCTAS_IN_SKY ? null : cloud.value() / OCTAS_IN_SKY * 100.0;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an item has no valid referenceTime: '" + text + "'", e);
        }
    }

    /** PT0H when Frost leaves the offset out, as it does for a series without one. */
    private static Duration offset(JsonNode observation) {
        String text = observation.path("timeOffset").asText("PT0H");
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("an observation has a timeOffset that is no duration in hours: '" + text + "'", e);
        }
    }
}
