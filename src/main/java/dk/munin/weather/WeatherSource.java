package dk.munin.weather;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/**
 * Where an event's weather was measured or modelled: a station (Frost's "SN50540"), or the grid
 * point a model answered for ("grid 59.9375,10.75"), its position and its distance from the
 * camera. The distance is null when the provider does not say where its value is for.
 */
public record WeatherSource(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("latitude") Double latitude,
        @JsonProperty("longitude") Double longitude,
        @JsonProperty("distance_km") Double distanceKm) {

    private static final double EARTH_RADIUS_KM = 6371.0;

    /** A model's grid point, with its great-circle distance from the place asked for. */
    static WeatherSource gridPoint(double latitude, double longitude, RoundedPosition asked) {
        return new WeatherSource(String.format("grid %s,%s", trim(latitude), trim(longitude)), null, latitude, longitude,
                distanceKm(asked.latitudeDegrees(), asked.longitudeDegrees(), latitude, longitude));
    }

    /** Haversine distance, rounded to 10 m: enough to tell a station next door from one in the next valley. */
    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        double km = 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
        return Math.round(km * 100) / 100.0;
    }

    private static String trim(double degrees) {
        return BigDecimal.valueOf(degrees).stripTrailingZeros().toPlainString();
    }
}
