package dk.munin.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a record's time is compared with to decide whether it is independent: camtrapR's
 * {@code deltaTimeComparedTo} of {@code recordTable}.
 */
public enum DeltaTimeComparedTo {
    /** The previous record of the species at the station, independent or not (camtrapR's "lastRecord"). */
    LAST_RECORD,
    /** The previous independent record of the species at the station (camtrapR's "lastIndependentRecord"). */
    LAST_INDEPENDENT_RECORD;

    /** As a manifest writes it: {@code last_record} or {@code last_independent_record}. */
    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static DeltaTimeComparedTo ofManifestName(String name) {
        return Arrays.stream(values()).filter(value -> value.manifestName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(values())
                        .map(DeltaTimeComparedTo::manifestName).collect(Collectors.joining(", ")) + ", got '" + name + "'"));
    }
}
