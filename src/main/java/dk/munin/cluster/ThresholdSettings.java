package dk.munin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.settings.Settings;
import dk.munin.state.ConfidenceThresholds;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which confidence a box needs to count (application.properties, munin.cluster.threshold.*):
 * thresholds per category for each model family, and which family applies.
 *
 * @param family   a family's setting name, or empty: the family the detections file names
 * @param fallback the family when the file names none Munin knows
 * @param byFamily each family's thresholds
 */
public record ThresholdSettings(Optional<ModelFamily> family, ModelFamily fallback, Map<ModelFamily, ConfidenceThresholds> byFamily) {

    private static final String PREFIX = "munin.cluster.threshold.";
    private static final String FAMILIES = "megadetector-v5, megadetector-v4, fastestdet or coco";

    /** The thresholds that apply to a file, and why. */
    public record Applied(ModelFamily family, String reason, ConfidenceThresholds thresholds) {
    }

    public static ThresholdSettings from(Settings settings) {
        Map<ModelFamily, ConfidenceThresholds> byFamily = new EnumMap<>(ModelFamily.class);
        for (ModelFamily family : ModelFamily.values()) {
            String key = PREFIX + family.settingName() + ".";
            byFamily.put(family, new ConfidenceThresholds(settings.decimal(key + "animal"), settings.decimal(key + "person"),
                    settings.decimal(key + "vehicle")));
        }
        String family = settings.optional(PREFIX + "family").orElse("");
        return new ThresholdSettings(
                family.isEmpty() ? Optional.empty()
                        : Optional.of(settings.parsed(PREFIX + "family", "empty or " + FAMILIES, ThresholdSettings::family)),
                settings.parsed(PREFIX + "fallback-family", FAMILIES, ThresholdSettings::family),
                byFamily);
    }

    /** @param info the detections file's {@code info} */
    public Applied applied(JsonNode info) {
        if (family.isPresent()) {
            return applied(family.get(), "set by " + PREFIX + "family");
        }
        Optional<ModelFamily> named = ModelFamily.of(info);
        if (named.isPresent()) {
            return applied(named.get(), "the detections file's detector '" + info.path("detector").asText("") + "'");
        }
        return applied(fallback, "the detections file names no model family Munin knows (" + PREFIX + "fallback-family)");
    }

    private Applied applied(ModelFamily chosen, String reason) {
        return new Applied(chosen, reason, byFamily.get(chosen));
    }

    private static ModelFamily family(String name) {
        return ModelFamily.ofSettingName(name).orElseThrow(() -> new IllegalArgumentException(name));
    }
}
