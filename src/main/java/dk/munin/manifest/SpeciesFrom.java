package dk.munin.manifest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a photo's species comes from: the manifest's {@code species_from} (docs/manifest.md).
 */
public enum SpeciesFrom {
    /** No human labels: records and events are per detector category (animal, person, vehicle). */
    DETECTOR,
    /**
     * The folder that holds each photo names its species, as camtrapR's {@code IDfrom = "directory"}
     * reads a {@code Station/Species/} layout: a labelled photo is a record of that species
     * whatever the detector says.
     */
    FOLDER;

    public String manifestName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted values */
    public static SpeciesFrom ofManifestName(String name) {
        return Arrays.stream(values()).filter(value -> value.manifestName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of " + Arrays.stream(values())
                        .map(SpeciesFrom::manifestName).collect(Collectors.joining(", ")) + ", got '" + name + "'"));
    }
}
