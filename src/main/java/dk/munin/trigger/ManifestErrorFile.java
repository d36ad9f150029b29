package dk.munin.trigger;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.Json;

import java.time.Clock;
import java.time.Instant;

/**
 * Tells whoever dropped a manifest why it started nothing, where they will look: a file
 * {@code <manifest>.error.json} beside it, in the same bucket and folder. The trigger never
 * reads such a file as a manifest ({@link #isErrorFile}), though it lies where manifests are watched.
 */
public class ManifestErrorFile {

    static final String SUFFIX = ".error.json";

    private final ObjectStore storage;
    private final Clock clock;

    public ManifestErrorFile(ObjectStore storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** @return where the error file went */
    public Location write(Location manifest, InvalidManifest refusal) {
        Location errorFile = Location.parse(manifest.uri() + SUFFIX);
        ManifestError error = new ManifestError(manifest.uri(), refusal.getClass().getSimpleName(), refusal.field(), refusal.reason(),
                Instant.now(clock).toString());
        // one write: a local file is renamed into place, an S3 object appears whole with its PutObject
        storage.write(errorFile, Json.writePretty(error));
        return errorFile;
    }

    public static boolean isErrorFile(String name) {
        return name != null && name.endsWith(SUFFIX);
    }
}
