package dk.munin.cluster;

import dk.munin.contract.settings.Settings;

import java.util.Set;

/**
 * How Stage2Post counts (application.properties, "Stage-2").
 *
 * @param confidenceThreshold munin.cluster.confidence-threshold: detections at or above it count
 * @param eventGapMinutes     munin.cluster.event-gap-minutes: the independence interval
 * @param records             munin.cluster.records.*: how record_table.csv counts independent records
 * @param repeats             munin.cluster.repeat.*: which recurring boxes are a rock or a branch
 */
public record ClusterSettings(double confidenceThreshold, int eventGapMinutes, IndependenceRules records,
                              RepeatDetectionSettings repeats) {

    public static ClusterSettings from(Settings settings) {
        return new ClusterSettings(settings.decimal("munin.cluster.confidence-threshold"),
                settings.integer("munin.cluster.event-gap-minutes"),
                new IndependenceRules(settings.integer("munin.cluster.records.min-delta-time-minutes"),
                        settings.parsed("munin.cluster.records.delta-time-compared-to", "last_record or last_independent_record",
                                DeltaTimeComparedTo::ofManifestName),
                        settings.flag("munin.cluster.records.cameras-independent"),
                        Set.copyOf(settings.list("munin.cluster.records.exclude"))),
                RepeatDetectionSettings.from(settings));
    }
}
