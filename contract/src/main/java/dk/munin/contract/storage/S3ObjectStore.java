package dk.munin.contract.storage;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * S3 through the AWS SDK's S3 client. Each process builds its client its own way (the app from
 * camel-aws2-s3's settings, the detector from its environment), both with {@link S3Retries}, and
 * hands it over as a supplier: the client is made on the first s3:// operation, so a purely local
 * run needs no region or keys.
 *
 * <p>The client retries each request within its bounds. This store adds what the SDK does not
 * check: a body that ends before its Content-Length (an HTTP client may return it as if whole)
 * is an attempt that failed, and a stream handed to the caller resumes where a transfer broke
 * off ({@link ResumingObjectStream}). What still fails is a {@link StorageUnavailable} naming the
 * operation and the object. Every write is one PutObject, which S3 makes visible whole or not at
 * all; nothing here starts a multipart upload.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {

    private static final int NOT_FOUND = 404;
    /** S3's answer to a range that starts at or after the end of the object (also of an empty one). */
    private static final int RANGE_NOT_SATISFIABLE = 416;
    private static final int SERVER_ERROR = 500;
    /** S3's answer to a conditional request whose condition failed: If-None-Match on a key that exists, If-Match on a changed object. */
    private static final int PRECONDITION_FAILED = 412;
    /** A conditional write's answer when another write to the key was in progress: someone else got there. */
    private static final int CONDITIONAL_REQUEST_CONFLICT = 409;

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
        Iterator<S3Object> pages = call("list", prefix, () -> client().listObjectsV2Paginator(
                request -> request.bucket(prefix.bucket()).prefix(prefix.key())).contents().iterator());
        Iterator<S3Object> objects = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return call("list", prefix, pages::hasNext);
            }

            @Override
            public S3Object next() {
                return call("list", prefix, pages::next);
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .filter(object -> !object.key().endsWith("/")) // "folder" placeholder objects made by consoles
                .map(object -> new StoredObject(Location.s3Object(prefix.bucket(), object.key()), object.size()));
    }

    @Override
    public byte[] read(Location object) {
        return call("read", object, () -> client().getObject(request -> request.bucket(object.bucket()).key(object.key()),
                wholeBody(object)));
    }

    @Override
    public InputStream open(Location object) {
        ResponseInputStream<GetObjectResponse> first = call("read", object,
                () -> client().getObject(request -> request.bucket(object.bucket()).key(object.key())));
        return new ResumingObjectStream(object, first, (position, eTag) -> call("read", object, () -> client().getObject(
                GetObjectRequest.builder().bucket(object.bucket()).key(object.key()).range("bytes=" + position + "-").ifMatch(eTag).build())),
                maxAttempts());
    }

    @Override
    public byte[] readRange(Location object, long start, int length) {
        if (length <= 0) {
            return new byte[0];
        }
        String range = "bytes=" + start + "-" + (start + length - 1);
        try {
            return call("read a range of", object, () -> client().getObject(
                    request -> request.bucket(object.bucket()).key(object.key()).range(range), wholeBody(object)));
        } catch (RangeBeyondEnd e) {
            return new byte[0]; // as a file read past its end: nothing, not an error
        }
    }

    /**
     * The body, checked against its Content-Length: a connection that closes early can look like
     * the end of the body to the HTTP client (the JDK's does so), and a short photo head or model
     * must not pass as whole. Thrown as retryable (a connection reset here too, which the SDK would
     * otherwise report as a response it could not read), the SDK sends the request again within its bounds.
     */
    private static ResponseTransformer<GetObjectResponse, byte[]> wholeBody(Location object) {
        return (response, body) -> {
            byte[] bytes;
            try {
                bytes = body.readAllBytes();
            } catch (IOException brokenOff) {
                throw RetryableException.create("the answer for " + object + " broke off: " + brokenOff.getMessage(), brokenOff);
            }
            Long declared = response.contentLength();
            if (declared != null && bytes.length != declared) {
                throw RetryableException.create("the answer for " + object + " ended after " + bytes.length + " of its "
                        + declared + " bytes");
            }
            return bytes;
        };
    }

    /** The attempts the client makes of one request: also how often a stream may resume. */
    private int maxAttempts() {
        return client().serviceClientConfiguration().overrideConfiguration().retryStrategy()
                .map(RetryStrategy::maxAttempts).orElse(1);
    }

    /** A single PutObject is atomic on S3: the object appears whole or not at all. */
    @Override
    public void write(Location object, byte[] content) {
        call("write", object, () -> client().putObject(request -> request.bucket(object.bucket()).key(object.key())
                .contentType(ContentTypes.of(object.name())), RequestBody.fromBytes(content)));
    }

    /** One PutObject too (up to S3's 5 GB), the file's length declared up front: a broken upload leaves nothing. */
    @Override
    public void upload(Location object, Path localFile) {
        call("write", object, () -> client().putObject(request -> request.bucket(object.bucket()).key(object.key())
                .contentType(ContentTypes.of(object.name())), RequestBody.fromFile(localFile)));
    }

    /**
     * A retried PutObject whose first attempt did succeed gets 412 too: the object there is then
     * this very content, which counts as created here.
     */
    @Override
    public boolean createIfAbsent(Location object, byte[] content) {
        try {
            call("create", object, () -> client().putObject(request -> request.bucket(object.bucket()).key(object.key()).ifNoneMatch("*")
                    .contentType(ContentTypes.of(object.name())), RequestBody.fromBytes(content)));
            return true;
        } catch (StorageException e) {
            if (e.getCause() instanceof SdkServiceException refused
                    && (refused.statusCode() == PRECONDITION_FAILED || refused.statusCode() == CONDITIONAL_REQUEST_CONFLICT)) {
                return refused.statusCode() == PRECONDITION_FAILED && Arrays.equals(read(object), content);
            }
            throw e;
        }
    }

    @Override
    public boolean exists(Location object) {
        try {
            call("look up", object, () -> client().headObject(request -> request.bucket(object.bucket()).key(object.key())));
            return true;
        } catch (ObjectNotFound e) {
            return false;
        }
    }

    @Override
    public void delete(Location object) {
        call("delete", object, () -> client().deleteObject(request -> request.bucket(object.bucket()).key(object.key())));
    }

    /** One DeleteObject per key: what Munin deletes (spent checkpoints) is a handful of objects. */
    @Override
    public void deleteAll(Location folder) {
        for (StoredObject object : list(folder)) {
            Location location = object.location();
            call("delete", location, () -> client().deleteObject(request -> request.bucket(location.bucket()).key(location.key())));
        }
    }

    @Override
    public void removeIfEmpty(Location folder) {
        // S3 has no folders: a prefix without objects does not exist
    }

    @Override
    public int removeUnfinishedWrites(Location folder, Location spared) {
        return 0; // every write is a single PutObject: S3 stores it whole or not at all
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

    /**
     * The SDK's exceptions as the store's: not found, worth retrying, or refused. By the time one
     * arrives here the client has made all its attempts; the message says how many.
     *
     * @param operation what was asked, as a verb: "read", "write" ...
     */
    private static <T> T call(String operation, Location location, Supplier<T> request) {
        try {
            return request.get();
        } catch (NoSuchKeyException e) {
            throw new ObjectNotFound(location);
        } catch (SdkServiceException e) {
            if (e.statusCode() == NOT_FOUND) {
                throw new ObjectNotFound(location);
            }
            if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
                throw new RangeBeyondEnd();
            }
            if (e.statusCode() == PRECONDITION_FAILED) {
                throw new StorageException("Cannot " + operation + " " + location + ": it changed while it was being read", e);
            }
            if (e.statusCode() >= SERVER_ERROR || e.isThrottlingException()) {
                throw new StorageUnavailable("Cannot " + operation + " " + location + ": S3 answered " + e.statusCode()
                        + afterAttempts(e) + ": " + e.getMessage(), e);
            }
            throw new StorageException("Cannot " + operation + " " + location + ": S3 refused the request: " + e.getMessage(), e);
        } catch (SdkClientException e) {
            throw new StorageUnavailable("Cannot " + operation + " " + location + ": S3 could not be reached or the transfer broke off"
                    + afterAttempts(e) + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            // how the SDK reports a transfer that broke off while the body was read
            throw new StorageUnavailable("Cannot " + operation + " " + location + ": the transfer broke off: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new StorageException("Cannot " + operation + " " + location + ": S3 failed: " + e.getMessage(), e);
        }
    }

    private static String afterAttempts(SdkException e) {
        Integer attempts = e.numAttempts();
        return attempts == null ? "" : " (" + attempts + (attempts == 1 ? " attempt)" : " attempts)");
    }

    /** Internal signal only: never leaves this class. */
    private static final class RangeBeyondEnd extends RuntimeException {
        RangeBeyondEnd() {
            super(null, null, false, false);
        }
    }
}
