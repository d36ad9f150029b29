package dk.munin.cluster;

import dk.munin.contract.settings.Settings;

import java.time.Duration;

/**
 * How Stage2Post counts (application.properties, "Stage-2"). How records and events are
 * counted comes with each run, from the manifest's {@code events}.
 *
 * @param thresholds  munin.cluster.threshold.*: which boxes count, per model family and category
 * @param sequenceGap munin.cluster.sequence-gap-seconds: the longest pause within a burst
 * @param repeats     munin.cluster.repeat.*: which recurring boxes are a rock or a branch
 */
public record ClusterSettings(ThresholdSettings thresholds, Duration sequenceGap, RepeatDetectionSettings repeats) {

    public static ClusterSettings from(Settings settings) {
        return new ClusterSettings(ThresholdSettings.from(settings),
                Duration.ofSeconds(settings.integer("munin.cluster.sequence-gap-seconds")),
                RepeatDetectionSettings.from(settings));
    }
}
