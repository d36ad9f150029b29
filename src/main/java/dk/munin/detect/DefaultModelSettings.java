package dk.munin.detect;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.stage1.ContainerSettings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The model a local-process run uses when munin.detect.model is empty (application.properties,
 * "Stage-1: the default model"; each setting is described there).
 *
 * @param name             munin.detect.default-model.name, for messages
 * @param url              munin.detect.default-model.url; empty turns the default off
 * @param md5              munin.detect.default-model.md5, lower-case; empty when none is published
 * @param sha256           munin.detect.default-model.sha256, lower-case; empty: pinned on the first verified download
 * @param detectorSettings DETECTOR_LAYOUT, DETECTOR_CLASSES and DETECTOR_INPUT_SIZE from
 *                         munin.detect.default-model.layout, .classes and .input-size, those that are set
 * @param connectTimeout   munin.detect.default-model.connect-timeout-ms
 * @param readTimeout      munin.detect.default-model.read-timeout-ms
 */
public record DefaultModelSettings(String name, String url, String md5, String sha256, Map<String, String> detectorSettings,
                                   Duration connectTimeout, Duration readTimeout) {

    public DefaultModelSettings {
        detectorSettings = Map.copyOf(detectorSettings);
    }

    public static DefaultModelSettings from(Settings settings) {
        Map<String, String> detector = new LinkedHashMap<>();
        settings.optional("munin.detect.default-model.layout")
                .ifPresent(layout -> detector.put(ContainerSettings.variable(ContainerSettings.LAYOUT), layout));
        settings.optional("munin.detect.default-model.classes")
                .ifPresent(classes -> detector.put(ContainerSettings.variable(ContainerSettings.CLASSES), classes));
        if (settings.optional("munin.detect.default-model.input-size").isPresent()) {
            detector.put(ContainerSettings.variable(ContainerSettings.INPUT_SIZE),
                    String.valueOf(settings.integer("munin.detect.default-model.input-size")));
        }
        return new DefaultModelSettings(
                settings.text("munin.detect.default-model.name"),
                settings.optional("munin.detect.default-model.url").orElse(""),
                hex(settings, "munin.detect.default-model.md5"),
                hex(settings, "munin.detect.default-model.sha256"),
                detector,
                Duration.ofMillis(settings.whole("munin.detect.default-model.connect-timeout-ms")),
                Duration.ofMillis(settings.whole("munin.detect.default-model.read-timeout-ms")));
    }

    private static String hex(Settings settings, String key) {
        return settings.optional(key).orElse("").toLowerCase(Locale.ROOT);
    }
}
