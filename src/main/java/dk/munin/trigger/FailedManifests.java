package dk.munin.trigger;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the S3 consumer of start-run cannot do itself: move a manifest that did not start out of
 * the watched prefix. It moves only what it read, and only after a run started (moveAfterRead); a
 * failed one it leaves in place, to be read again at every poll. The route calls this for a
 * manifest from S3 that failed, so it and its error file go to {@code failed/} in the bucket, as
 * the file consumer moves one to .failed/. A manifest from a folder is left to the file consumer.
 */
public class FailedManifests {

    private static final Logger LOG = LoggerFactory.getLogger(FailedManifests.class);
    /** Beside the watched prefix, not under it: the consumer must not list what it put aside. */
    static final String FAILED_PREFIX = "failed/";

    private final ObjectStore storage;

    public FailedManifests(ObjectStore storage) {
        this.storage = storage;
    }

    /** @param manifestUri {@code s3://bucket/manifests/x.json}; anything else is the file consumer's to move */
    public void moveAside(String manifestUri) {
        if (manifestUri == null || !manifestUri.startsWith("s3://")) {
            return;
        }
        Location manifest = Location.parse(manifestUri);
        Location failed = aside(manifest);
        // one PutObject each, then the delete: a crash between leaves a copy, never no manifest
        storage.write(failed, storage.read(manifest));
        Location errorFile = Location.parse(manifest.uri() + ManifestErrorFile.SUFFIX);
        boolean explained = storage.exists(errorFile);
        if (explained) {
            storage.write(Location.parse(failed.uri() + ManifestErrorFile.SUFFIX), storage.read(errorFile));
            storage.delete(errorFile);
        }
        storage.delete(manifest);
        LOG.warn("Manifest {} did not start: moved to {}{}; fix it and drop it again", manifest.uri(), failed.uri(),
                explained ? ", its error file beside it" : "");
    }

    /** s3://bucket/manifests/x.json to s3://bucket/failed/manifests/x.json. */
    static Location aside(Location manifest) {
        String uri = manifest.uri();
        int keyStart = uri.indexOf('/', "s3://".length()) + 1;
        return Location.parse(uri.substring(0, keyStart) + FAILED_PREFIX + uri.substring(keyStart));
    }
}
