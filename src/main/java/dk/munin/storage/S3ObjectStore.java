package dk.munin.storage;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * S3 through camel-aws2-s3. The S3 client (region, credentials, endpoint override for
 * LocalStack or an embedded server) is configured on the component in application.properties.
 */
public class S3ObjectStore implements ObjectStore {

    /** S3's page size for ListObjects; a shorter page is the last one. */
    private static final int PAGE_SIZE = 1000;

    /** S3's answer to a range that starts at or after the end of the object (also of an empty one). */
    private static final int RANGE_NOT_SATISFIABLE = 416;

    private final ProducerTemplate producer;

    public S3ObjectStore(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** Pages through ListObjects as the stream is consumed, one page of keys in memory at a time. */
    @Override
    public Stream<StoredObject> walk(Location folder) {
        Iterator<StoredObject> objects = new PagedListing(folder.asFolder());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** S3 returns keys in UTF-8 byte order, page after page from the last key seen (the marker). */
    private final class PagedListing implements Iterator<StoredObject> {

        private final Location prefix;
        private Iterator<S3Object> page = Collections.emptyIterator();
        private String marker;
        private boolean lastPage;
        private StoredObject next;

        PagedListing(Location prefix) {
            this.prefix = prefix;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!page.hasNext()) {
                    if (lastPage) {
                        return false;
                    }
                    fetchPage();
                    continue;
                }
                S3Object object = page.next();
                if (!object.key().endsWith("/")) { // "folder" placeholder objects made by consoles
                    next = new StoredObject(Location.parse("s3://" + prefix.bucket() + "/" + object.key()), object.size());
                }
            }
            return true;
        }

        @Override
        public StoredObject next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoredObject found = next;
            next = null;
            return found;
        }

        private void fetchPage() {
            ListObjectsRequest request = ListObjectsRequest.builder()
                    .bucket(prefix.bucket()).prefix(prefix.key()).marker(marker).maxKeys(PAGE_SIZE).build();
            List<S3Object> objects = new ArrayList<>();
            for (Object item : call(prefix, () -> producer.requestBody(
                    endpoint(prefix, "listObjects") + "&pojoRequest=true", request, List.class))) {
                objects.add((S3Object) item);
            }
            lastPage = objects.size() < PAGE_SIZE;
            if (!objects.isEmpty()) {
                marker = objects.get(objects.size() - 1).key();
            }
            page = objects.iterator();
        }
    }

    @Override
    public byte[] read(Location object) {
        InputStream body = call(object, () -> producer.requestBodyAndHeader(
                endpoint(object, "getObject"), null, AWS2S3Constants.KEY, object.key(), InputStream.class));
        return drain(object, body);
    }

    @Override
    public byte[] readRange(Location object, long start, int length) {
        if (length <= 0) {
            return new byte[0];
        }
        InputStream body;
        try {
            body = call(object, () -> producer.requestBodyAndHeaders(
                    endpoint(object, "getObjectRange"), null,
                    Map.of(AWS2S3Constants.KEY, object.key(),
                            AWS2S3Constants.RANGE_START, String.valueOf(start),
                            AWS2S3Constants.RANGE_END, String.valueOf(start + length - 1)),
                    InputStream.class));
        } catch (RangeBeyondEnd e) {
            return new byte[0]; // as a file read past its end: nothing, not an error
        }
        return drain(object, body);
    }

    @Override
    public void write(Location object, byte[] content) {
        call(object, () -> producer.requestBodyAndHeaders(putEndpoint(object), content,
                Map.of(AWS2S3Constants.KEY, object.key(), AWS2S3Constants.CONTENT_LENGTH, (long) content.length)));
    }

    @Override
    public void upload(Location object, Path localFile) {
        // A single PUT is atomic on S3: the object appears whole or not at all.
        call(object, () -> producer.requestBodyAndHeader(putEndpoint(object), localFile.toFile(),
                AWS2S3Constants.KEY, object.key()));
    }

    @Override
    public boolean exists(Location object) {
        try {
            call(object, () -> producer.requestBodyAndHeader(endpoint(object, "headObject"), null,
                    AWS2S3Constants.KEY, object.key(), HeadObjectResponse.class));
            return true;
        } catch (ObjectNotFound e) {
            return false;
        }
    }

    /** camel-aws2-s3 uploads when no operation is named. */
    private static String putEndpoint(Location location) {
        return "aws2-s3://" + location.bucket();
    }

    private static String endpoint(Location location, String operation) {
        return "aws2-s3://" + location.bucket() + "?operation=" + operation;
    }

    private static byte[] drain(Location object, InputStream body) {
        try (InputStream in = body) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailable("Reading " + object + " was interrupted: " + e.getMessage(), e);
        }
    }

    private static <T> T call(Location location, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CamelExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NoSuchKeyException
                    || cause instanceof SdkServiceException service && service.statusCode() == 404) {
                throw new ObjectNotFound(location);
            }
            if (cause instanceof SdkServiceException service && service.statusCode() == RANGE_NOT_SATISFIABLE) {
                throw new RangeBeyondEnd();
            }
            if (cause instanceof SdkServiceException service && service.statusCode() >= 500
                    || cause instanceof SdkClientException) {
                throw new StorageUnavailable("S3 did not answer for " + location + ": " + cause.getMessage(), cause);
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException("S3 refused the request for " + location + ": " + cause.getMessage(), cause);
        }
    }

    private static final class RangeBeyondEnd extends RuntimeException {
        RangeBeyondEnd() {
            super(null, null, false, false);
        }
    }
}
