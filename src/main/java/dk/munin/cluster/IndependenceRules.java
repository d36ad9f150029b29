package dk.munin.cluster;

import dk.munin.contract.settings.Settings;
import dk.munin.state.EventRules;

import java.util.List;
import java.util.Set;

/**
 * When two records of one species are one observation and when they are two: camtrapR's
 * {@code recordTable} arguments, from the manifest's {@code events} (docs/manifest.md).
 *
 * @param minDeltaTimeMinutes a record is independent when at least this many minutes lie between it
 *                            and the record it is compared with ({@code minDeltaTime}; 0 keeps every
 *                            record that is not a duplicate)
 * @param comparedTo          what it is compared with ({@code deltaTimeComparedTo})
 * @param camerasIndependent  records of different cameras at one station are independent of each
 *                            other ({@code camerasIndependent}); otherwise the station is the unit
 * @param exclude             species (or categories) left out of the table ({@code exclude}, e.g. UNID)
 */
public record IndependenceRules(int minDeltaTimeMinutes, DeltaTimeComparedTo comparedTo, boolean camerasIndependent,
                                Set<String> exclude) {

    public IndependenceRules {
        if (minDeltaTimeMinutes < 0) {
            throw new IllegalArgumentException("min_delta_time must be 0 or more minutes, got " + minDeltaTimeMinutes);
        }
        exclude = Set.copyOf(exclude);
    }

    /** The defaults a manifest's {@code events} gets (munin.cluster.records.*). */
    public static IndependenceRules from(Settings settings) {
        return new IndependenceRules(settings.integer("munin.cluster.records.min-delta-time-minutes"),
                settings.parsed("munin.cluster.records.delta-time-compared-to", "last_record or last_independent_record",
                        DeltaTimeComparedTo::ofManifestName),
                settings.flag("munin.cluster.records.cameras-independent"),
                Set.copyOf(settings.list("munin.cluster.records.exclude")));
    }

    /** As GuardBudget writes them into the run state: complete, exclusions sorted. */
    public EventRules toState() {
        return new EventRules(minDeltaTimeMinutes, comparedTo.manifestName(), camerasIndependent, exclude.stream().sorted().toList());
    }

    /** The rules a completed run state carries. */
    public static IndependenceRules of(EventRules rules) {
        return new IndependenceRules(rules.minDeltaTime(), DeltaTimeComparedTo.ofManifestName(rules.deltaTimeComparedTo()),
                rules.camerasIndependent(), Set.copyOf(rules.exclude() == null ? List.of() : rules.exclude()));
    }
}
