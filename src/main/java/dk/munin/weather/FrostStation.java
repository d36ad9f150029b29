package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The station Frost's sources resource names nearest a place: its id ("SN50540"), name, position
 * and distance from the place asked for.
 */
record FrostStation(String id, String name, double latitude, double longitude, double distanceKm) {

    /**
     * The nearest station of a sources answer ({@code geometry=nearest(POINT(..))}), or empty when
     * it lists none.
     *
     * @throws IllegalArgumentException when the body is not a Frost SourceResponse
     */
    static Optional<FrostStation> nearest(String body, RoundedPosition asked) {
        JsonNode data = Json.parse(body).path("data");
        if (!data.isArray()) {
            throw new IllegalArgumentException("it has no data array of sources");
        }
        return StreamSupport.stream(data.spliterator(), false)
                .map(source -> of(source, asked))
                .min(Comparator.comparingDouble(FrostStation::distanceKm));
    }

    private static FrostStation of(JsonNode source, RoundedPosition asked) {
        // GeoJSON order: [longitude, latitude]
        JsonNode point = source.path("geometry").path("coordinates");
        if (!source.path("id").isTextual() || !point.path(1).isNumber()) {
            throw new IllegalArgumentException("a source has no id or no geometry.coordinates");
        }
        double latitude = point.path(1).asDouble();
        double longitude = point.path(0).asDouble();
        // Frost's "distance" is in km from the point asked for (1.178 for SN50540 from 60.3915,5.3199,
        // as the haversine gives it); it is computed here when an answer leaves it out.
        double distance = source.path("distance").isNumber()
                ? Math.round(source.path("distance").asDouble() * 100) / 100.0
                : WeatherSource.distanceKm(asked.latitudeDegrees(), asked.longitudeDegrees(), latitude, longitude);
        return new FrostStation(source.path("id").asText(), source.path("name").asText(null), latitude, longitude, distance);
    }

    WeatherSource source() {
        return new WeatherSource(id, name, latitude, longitude, distanceKm);
    }

    @Override
    public String toString() {
        return name == null ? id : id + " (" + name + ")";
    }
}
