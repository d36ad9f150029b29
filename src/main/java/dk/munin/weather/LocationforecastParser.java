package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dk.munin.state.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MET Norway's Locationforecast 2.0 GeoJSON (complete, or compact, which lacks the dew
 * point, gusts and UV index): the instant variables, and precipitation and symbol from
 * next_1_hours, or next_6_hours where the series has become 6-hourly. Locationforecast has no
 * visibility (fog_area_fraction is not one), so that value stays null.
 */
final class LocationforecastParser {

    private static final int ONE_HOUR = 1;
    private static final int SIX_HOURS = 6;

    private LocationforecastParser() {
    }

    /** @throws IllegalArgumentException when the body is not a Locationforecast document */
    static WeatherSeries parse(String body, RoundedPosition asked) {
        JsonNode root = Json.parse(body);
        JsonNode timeseries = root.path("properties").path("timeseries");
        if (!timeseries.isArray()) {
            throw new IllegalArgumentException("no properties.timeseries array");
        }
        List<WeatherRecord> steps = new ArrayList<>();
        for (JsonNode entry : timeseries) {
            steps.add(step(entry));
        }
        // the GeoJSON point is [longitude, latitude, altitude]: the place the forecast is for
        JsonNode point = root.path("geometry").path("coordinates");
        WeatherSource source = point.path(1).isNumber()
                ? WeatherSource.gridPoint(point.path(1).asDouble(), point.path(0).asDouble(), asked)
                : new WeatherSource("point " + asked, null, asked.latitudeDegrees(), asked.longitudeDegrees(), 0.0);
        return new WeatherSeries(source, steps, false);
    }

    private static WeatherRecord step(JsonNode entry) {
        JsonNode data = entry.path("data");
        JsonNode instant = data.path("instant").path("details");
        if (!instant.isObject()) {
            throw new IllegalArgumentException("the time step " + entry.path("time").asText() + " has no data.instant.details");
        }
        Integer periodHours = periodHours(data);
        JsonNode period = periodHours == null ? MissingNode.getInstance() : data.path(periodField(periodHours));
        return new WeatherRecord(time(entry), new WeatherValues(
                number(instant, "air_temperature"),
                number(instant, "relative_humidity"),
                number(instant, "dew_point_temperature"),
                number(period.path("details"), "precipitation_amount"),
                periodHours,
                number(instant, "wind_speed"),
                number(instant, "wind_from_direction"),
                number(instant, "wind_speed_of_gust"),
                number(instant, "air_pressure_at_sea_level"),
                null,
                number(instant, "cloud_area_fraction"),
                number(instant, "ultraviolet_index_clear_sky"),
                text(period.path("summary"), "symbol_code")));
    }

    /** 1 where the step has next_1_hours, 6 where only next_6_hours is left, null on the last step. */
    private static Integer periodHours(JsonNode data) {
        if (data.has(periodField(ONE_HOUR))) {
            return ONE_HOUR;
        }
        if (data.has(periodField(SIX_HOURS))) {
            return SIX_HOURS;
        }
        return null;
    }

    private static String periodField(int hours) {
        return "next_" + hours + "_hours";
    }

    private static Instant time(JsonNode entry) {
        String time = entry.path("time").asText();
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("a time step has no valid time: '" + time + "'", e);
        }
    }

    private static Double number(JsonNode details, String field) {
        JsonNode value = details.path(field);
        return value.isNumber() ? value.doubleValue() : null;
    }

    private static String text(JsonNode summary, String field) {
        JsonNode value = summary.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
