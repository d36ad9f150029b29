package dk.munin.workflow.objectstore;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.workflow.ItemSource;
import dk.munin.workflow.ListedObject;
import dk.munin.workflow.ResultTarget;

import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A Distributed Map's S3 ItemReader and ResultWriter bound to the app's ObjectStore: on AWS the
 * buckets themselves, locally a folder per bucket name, so the same ASL lists and writes either.
 *
 * <p>The store's listing knows keys and sizes only, so the items' Etag and LastModified are null
 * here, where Step Functions gives S3's values; StorageClass is STANDARD.
 */
public final class ObjectStoreBuckets implements ItemSource, ResultTarget {

    private static final String STORAGE_CLASS = "STANDARD";

    private final ObjectStore store;
    private final Function<String, Location> bucketRoot;

    /** @param bucketRoot where a bucket's objects are: {@code s3://bucket/}, or a local folder */
    public ObjectStoreBuckets(ObjectStore store, Function<String, Location> bucketRoot) {
        this.store = store;
        this.bucketRoot = bucketRoot;
    }

    /** Bucket names are S3 buckets. */
    public static ObjectStoreBuckets s3(ObjectStore store) {
        return new ObjectStoreBuckets(store, bucket -> Location.s3Object(bucket, ""));
    }

    /** Bucket names are folders below {@code root}. */
    public static ObjectStoreBuckets local(ObjectStore store, Path root) {
        return new ObjectStoreBuckets(store, bucket -> Location.of(root).resolve(bucket + "/"));
    }

    /**
     * S3's prefixes are plain text, not folders: the store lists the folder the prefix is in
     * and the keys that do not start with the prefix are left out.
     */
    @Override
    public Stream<ListedObject> listObjects(String bucket, String prefix) {
        Location root = bucketRoot.apply(bucket).asFolder();
        String folder = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        Location listed = folder.isEmpty() ? root : root.resolve(folder);
        Stream<ListedObject> objects;
        try {
            objects = store.walk(listed).map(object -> new ListedObject(root.relativize(object.location()), object.size(),
                    null, null, STORAGE_CLASS));
        } catch (ObjectNotFound e) {
            return Stream.empty(); // a local folder that is not there lists as an S3 prefix without objects does
        }
        return objects.filter(object -> object.key().startsWith(prefix));
    }

    @Override
    public void putObject(String bucket, String key, byte[] content) {
        store.write(bucketRoot.apply(bucket).asFolder().resolve(key), content);
    }
}
