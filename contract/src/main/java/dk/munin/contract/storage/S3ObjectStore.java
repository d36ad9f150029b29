package dk.munin.contract.storage;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * S3 through the AWS SDK's S3 client. Each process builds its client its own way (the app from
 * camel-aws2-s3's settings, the detector from its environment) and hands it over as a supplier:
 * the client is made on the first s3:// operation, so a purely local run needs no region or keys.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private static final int NOT_FOUND = 404;
    /** S3's answer to a range that starts at or after the end of the object (also of an empty one). */
    private static final int RANGE_NOT_SATISFIABLE = 416;
    private static final int SERVER_ERROR = 500;

    private final Supplier<S3Client> clientFactory;
    private S3Client client;

    public S3ObjectStore(Supplier<S3Client> clientFactory) {
        this.clientFactory = clientFactory;
    }

    /**
     * ListObjectsV2 through the SDK's paginator: a page is fetched as the stream reaches it, so
     * one page of keys (1,000) is in memory at a time. S3 lists keys in UTF-8 byte order.
     */
    @Override
    public Stream<StoredObject> walk(Location folder) {
        Location prefix = folder.asFolder();
        Iterator<S3Object> pages = call(prefix, () -> client().listObjectsV2Paginator(
                request -> request.bucket(prefix.bucket()).prefix(prefix.key())).contents().iterator());
        Iterator<S3Object> objects = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return call(prefix, pages::hasNext);
            }

            @Override
            public S3Object next() {
                return call(prefix, pages::next);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .filter(object -> !object.key().endsWith("/")) // "folder" placeholder objects made by consoles
                .map(object -> new StoredObject(Location.s3Object(prefix.bucket(), object.key()), object.size()));
    }

    @Override
    public byte[] read(Location object) {
        return call(object, () -> client().getObjectAsBytes(request -> request.bucket(object.bucket()).key(object.key())).asByteArray());
    }

    @Override
    public InputStream open(Location object) {
        return call(object, () -> client().getObject(request -> request.bucket(object.bucket()).key(object.key())));
    }

    @Override
    public byte[] readRange(Location object, long start, int length) {
        if (length <= 0) {
            return new byte[0];
        }
        String range = "bytes=" + start + "-" + (start + length - 1);
        try {
            return call(object, () -> client().getObjectAsBytes(
                    request -> request.bucket(object.bucket()).key(object.key()).range(range)).asByteArray());
        } catch (RangeBeyondEnd e) {
            return new byte[0]; // as a file read past its end: nothing, not an error
        }
    }

    /** A single PutObject is atomic on S3: the object appears whole or not at all. */
    @Override
    public void write(Location object, byte[] content) {
        call(object, () -> client().putObject(request -> request.bucket(object.bucket()).key(object.key())
                .contentType(ContentTypes.of(object.name())), RequestBody.fromBytes(content)));
    }

    @Override
    public void upload(Location object, Path localFile) {
        call(object, () -> client().putObject(request -> request.bucket(object.bucket()).key(object.key())
                .contentType(ContentTypes.of(object.name())), RequestBody.fromFile(localFile)));
    }

    @Override
    public boolean exists(Location object) {
        try {
            call(object, () -> client().headObject(request -> request.bucket(object.bucket()).key(object.key())));
            return true;
        } catch (ObjectNotFound e) {
            return false;
        }
    }

    /** One DeleteObject per key: what Munin deletes (spent checkpoints) is a handful of objects. */
    @Override
    public void deleteAll(Location folder) {
        for (StoredObject object : list(folder)) {
            Location location = object.location();
            call(location, () -> client().deleteObject(request -> request.bucket(location.bucket()).key(location.key())));
        }
    }

    @Override
    public void removeIfEmpty(Location folder) {
        // S3 has no folders: a prefix without objects does not exist
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = clientFactory.get();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    /** The SDK's exceptions as the store's: not found, worth retrying, or refused. */
    private static <T> T call(Location location, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFound(location);
        } catch (SdkServiceException e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new ObjectNotFound(location);
            }
            if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                throw new RangeBeyondEnd();
            }
            if (e.statusCode() >= SERVER_ERROR || e.isThrottlingException()) {
                throw new StorageUnavailable("S3 did not answer for " + location + ": " + e.getMessage(), e);
            }
            throw new StorageException("S3 refused the request for " + location + ": " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new StorageUnavailable("S3 could not be reached for " + location + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // how the SDK reports a transfer that broke off while the body was read
            throw new StorageUnavailable("Reading " + location + " was interrupted: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageException("S3 failed for " + location + ": " + e.getMessage(), e);
        }
    }

    /** Internal signal only: never leaves this class. */
    private static final class RangeBeyondEnd extends RuntimeException {
        RangeBeyondEnd() {
            super(null, null, false, false);
        }
    }
}
