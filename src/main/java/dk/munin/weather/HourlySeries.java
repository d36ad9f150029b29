package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An Open-Meteo answer's {@code hourly} block: its hours as instants and each variable's values.
 * The hours are local times at the body's own {@code utc_offset_seconds}, which is what the
 * request's time zone gave (and, for a past date, may be that zone's offset on the day of the
 * request, not of the data): converting with the body's offset is the only reading that is right
 * whatever was asked.
 */
final class HourlySeries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Instant> hours;
    private final JsonNode hourly;
    private final JsonNode units;
    private final double latitude;
    private final double longitude;

    private HourlySeries(List<Instant> hours, JsonNode hourly, JsonNode units, double latitude, double longitude) {
        this.hours = hours;
        this.hourly = hourly;
        this.units = units;
        this.latitude = latitude;
        this.longitude = longitude;
    }

    /** @throws IllegalArgumentException when the body is not an Open-Meteo answer with hourly times */
    static HourlySeries parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        JsonNode times = root.path("hourly").path("time");
        if (!times.isArray() || times.isEmpty()) {
            throw new IllegalArgumentException("it has no hourly.time");
        }
        if (!root.path("utc_offset_seconds").isIntegralNumber()) {
            throw new IllegalArgumentException("it has no utc_offset_seconds");
        }
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(root.path("utc_offset_seconds").asInt());
        List<Instant> hours = new ArrayList<>(times.size());
        for (JsonNode time : times) {
            hours.add(localTime(time).toInstant(offset));
        }
        return new HourlySeries(hours, root.path("hourly"), root.path("hourly_units"), root.path("latitude").asDouble(),
                root.path("longitude").asDouble());
    }

    /**
     * An hour as Munin asks for it (the default timeformat=iso8601). Any other form, e.g. a
     * legacy answer's unixtime, is refused: a number is no local time, and guessing would put
     * every record at another hour.
     */
    private static LocalDateTime localTime(JsonNode time) {
        try {
            return LocalDateTime.parse(time.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("hourly.time '" + time.asText() + "' is not an ISO 8601 local time");
        }
    }

    int size() {
        return hours.size();
    }

    Instant hour(int index) {
        return hours.get(index);
    }

    /** The grid point the values are for, which Open-Meteo moves to the nearest cell of its model. */
    double latitude() {
        return latitude;
    }

    double longitude() {
        return longitude;
    }

    /** A variable's value at an hour; null when the answer lacks the variable or has null there. */
    Double value(String variable, int index) {
        JsonNode value = hourly.path(variable).path(index);
        return value.isNumber() ? value.asDouble() : null;
    }

    /** The unit the answer gives a variable in, e.g. "m/s" or "km/h"; empty when it names none. */
    String unit(String variable) {
        return units.path(variable).asText("");
    }
}
