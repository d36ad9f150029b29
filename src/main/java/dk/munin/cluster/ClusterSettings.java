package dk.munin.cluster;

import dk.munin.contract.settings.Settings;

/**
 * How Stage2Post counts (application.properties, "Stage-2").
 *
 * @param confidenceThreshold munin.cluster.confidence-threshold: detections at or above it count
 * @param eventGapMinutes     munin.cluster.event-gap-minutes: the independence interval
 */
public record ClusterSettings(double confidenceThreshold, int eventGapMinutes) {

    public static ClusterSettings from(Settings settings) {
        return new ClusterSettings(settings.decimal("munin.cluster.confidence-threshold"),
                settings.integer("munin.cluster.event-gap-minutes"));
    }
}
