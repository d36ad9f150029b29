package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The confidence a box needs to count, per MegaDetector category (animal, person, vehicle).
 */
public record ConfidenceThresholds(
        @JsonProperty(value = "animal", required = true) double animal,
        @JsonProperty(value = "person", required = true) double person,
        @JsonProperty(value = "vehicle", required = true) double vehicle) {

    public ConfidenceThresholds {
        for (double threshold : new double[] {animal, person, vehicle}) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("a confidence threshold lies in 0..1, got " + threshold);
            }
        }
    }

    /** @param category a MegaDetector category name; any other name is held to the strictest threshold */
    public double of(String category) {
        return switch (category) {
            case "animal" -> animal;
            case "person" -> person;
            case "vehicle" -> vehicle;
            default -> Math.max(animal, Math.max(person, vehicle));
        };
    }
}
