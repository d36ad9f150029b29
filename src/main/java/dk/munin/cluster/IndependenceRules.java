package dk.munin.cluster;

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
}
