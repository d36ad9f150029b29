package dk.munin.contract.testing;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded S3 server's blob store, counting what it hands out: the object bytes each GET
 * streams to the client (per key, as the server reads them for the response body) and the
 * listing requests. s3proxy passes a GET's Range down to the store, so a ranged GET counts
 * only the range.
 */
public final class CountingBlobStore extends ForwardingBlobStore {

    private final Map<String, AtomicLong> bytesSent = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final AtomicInteger listings = new AtomicInteger();

    public CountingBlobStore(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        ResponseInputStream<GetObjectResponse> blob = super.getBlob(request);
        AtomicLong counter = bytesSent.computeIfAbsent(request.key(), key -> new AtomicLong());
        gets.computeIfAbsent(request.key(), key -> new AtomicInteger()).incrementAndGet();
        return new ResponseInputStream<>(blob.response(), AbortableInputStream.create(new Counting(blob, counter), blob::abort));
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        listings.incrementAndGet();
        return super.list(request);
    }

    /** Object bytes sent for {@code key} so far. */
    public long bytesSent(String key) {
        AtomicLong sent = bytesSent.get(key);
        return sent == null ? 0 : sent.get();
    }

    public int gets(String key) {
        AtomicInteger count = gets.get(key);
        return count == null ? 0 : count.get();
    }

    public int listings() {
        return listings.get();
    }

    public void reset() {
        bytesSent.clear();
        gets.clear();
        listings.set(0);
    }

    private static final class Counting extends FilterInputStream {
        private final AtomicLong counter;

        Counting(InputStream in, AtomicLong counter) {
            super(in);
            this.counter = counter;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counter.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counter.addAndGet(n);
            }
            return n;
        }
    }
}
