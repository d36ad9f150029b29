package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dk.munin.state.Json;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads MET Norway's Locationforecast 2.0 GeoJSON (compact or complete): the six instant
 * variables, and precipitation and symbol from next_1_hours, or next_6_hours where the series
 * has become 6-hourly. Variables the compact format lacks are not read, so both formats give
 * the same columns.
 */
final class LocationforecastParser {

    private static final int ONE_HOUR = 1;
    private static final int SIX_HOURS = 6;

    private LocationforecastParser() {
    }

    /** @throws IllegalArgumentException when the body is not a Locationforecast document */
    static Forecast parse(String body) {
        JsonNode timeseries = Json.parse(body).path("properties").path("timeseries");
        if (!timeseries.isArray()) {
            throw new IllegalArgumentException("no properties.timeseries array");
        }
        List<ForecastStep> steps = new ArrayList<>();
        for (JsonNode entry : timeseries) {
            steps.add(step(entry));
        }
        return new Forecast(steps);
    }

    private static ForecastStep step(JsonNode entry) {
        JsonNode data = entry.path("data");
        JsonNode instant = data.path("instant").path("details");
        if (!instant.isObject()) {
            throw new IllegalArgumentException("the time step " + entry.path("time").asText() + " has no data.instant.details");
        }
        Integer periodHours = periodHours(data);
        JsonNode period = periodHours == null ? MissingNode.getInstance() : data.path(periodField(periodHours));
        return new ForecastStep(
                time(entry),
                number(instant, "air_temperature"),
                number(instant, "relative_humidity"),
                number(instant, "wind_speed"),
                number(instant, "wind_from_direction"),
                number(instant, "cloud_area_fraction"),
                number(instant, "air_pressure_at_sea_level"),
                number(period.path("details"), "precipitation_amount"),
                periodHours,
                text(period.path("summary"), "symbol_code"));
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
