package dk.munin.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One object of an S3 listing, as an {@link ItemSource} gives it.
 *
 * @param etag         the quoted ETag S3 lists, or null when the store does not know it
 * @param lastModified null when the store does not know it
 * @param storageClass e.g. STANDARD
 */
public record ListedObject(String key, long size, String etag, Instant lastModified, String storageClass) {

    public ListedObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(storageClass, "storageClass");
    }
}
