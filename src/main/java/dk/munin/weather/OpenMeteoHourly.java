package dk.munin.weather;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What Open-Meteo's archive and forecast APIs share: the variables of the seed's list in
 * Open-Meteo's names, how they are asked for (GMT, wind in m/s) and how an hourly block becomes
 * records.
 */
final class OpenMeteoHourly {

    static final String TEMPERATURE = "temperature_2m";
    static final String HUMIDITY = "relative_humidity_2m";
    static final String DEW_POINT = "dew_point_2m";
    static final String PRECIPITATION = "precipitation";
    static final String WIND_SPEED = "wind_speed_10m";
    static final String WIND_DIRECTION = "wind_direction_10m";
    static final String GUSTS = "wind_gusts_10m";
    static final String PRESSURE = "pressure_msl";
    static final String CLOUD_COVER = "cloud_cover";
    static final String VISIBILITY = "visibility";
    static final String UV_INDEX = "uv_index";

    private static final String KMH = "km/h";
    private static final double KMH_PER_MS = 3.6;
    private static final String FEET = "ft";
    private static final double METRES_PER_FOOT = 0.3048;

    private OpenMeteoHourly() {
    }

    static String position(RoundedPosition place) {
        return "latitude=" + place.latitude() + "&longitude=" + place.longitude();
    }

    /** The hourly variables, times in GMT and the wind in m/s, as MET Norway gives it. */
    static String variables(List<String> hourly) {
        return "&hourly=" + String.join(",", hourly) + "&wind_speed_unit=ms&timezone=GMT";
    }

    static LocalDate utcDay(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The hours as records; the grid point the model answered for as the source. */
    static WeatherSeries series(HourlySeries hourly, RoundedPosition asked) {
        List<WeatherRecord> records = new ArrayList<>();
        for (int i = 0; i < hourly.size(); i++) {
            Double precipitation = hourly.value(PRECIPITATION, i);
            records.add(new WeatherRecord(hourly.hour(i), new WeatherValues(
                    hourly.value(TEMPERATURE, i), hourly.value(HUMIDITY, i), hourly.value(DEW_POINT, i),
                    precipitation, precipitation == null ? null : 1,
                    speed(hourly, WIND_SPEED, i), hourly.value(WIND_DIRECTION, i), speed(hourly, GUSTS, i),
                    hourly.value(PRESSURE, i), visibility(hourly, i), hourly.value(CLOUD_COVER, i), hourly.value(UV_INDEX, i),
                    null)));
        }
        // Open-Meteo's hourly precipitation is the sum over the hour before the time stamp
        return new WeatherSeries(WeatherSource.gridPoint(hourly.latitude(), hourly.longitude(), asked), records, true);
    }

    /** m/s as asked; an answer in km/h (a proxy, an old API version) is converted rather than misread. */
    private static Double speed(HourlySeries hourly, String variable, int i) {
        Double value = hourly.value(variable, i);
        return value != null && KMH.equals(hourly.unit(variable)) ? Double.valueOf(value / KMH_PER_MS) : value;
    }

    private static Double visibility(HourlySeries hourly, int i) {
        Double value = hourly.value(VISIBILITY, i);
        return value != null && FEET.equals(hourly.unit(VISIBILITY)) ? Double.valueOf(value * METRES_PER_FOOT) : value;
    }

    /** Open-Meteo's error bodies say why: {"error": true, "reason": "..."}. */
    static String reason(String body) {
        if (body == null || !body.contains("\"reason\"")) {
            return "";
        }
        try {
            return ": " + new ObjectMapper().readTree(body).path("reason").asText();
        } catch (IOException e) {
            return "";
        }
    }
}
