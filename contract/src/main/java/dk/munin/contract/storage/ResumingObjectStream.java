package dk.munin.contract.storage;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiFunction;

/**
 * An S3 object's body as a stream that survives a broken transfer. The SDK retries a GetObject
 * only until it hands the body over; once the caller reads, a reset connection or a body that
 * ends before its Content-Length is the caller's. This stream notices both and asks again for
 * the rest (a ranged GET from where it broke off, of the same version: If-Match its ETag), up to
 * the client's attempts for one break-off after another; then reading fails with
 * {@link StorageUnavailable}. A model of hundreds of MB is not fetched again from the start.
 */
final class ResumingObjectStream extends InputStream {

    /** Opens the object from a byte position, of the version with the given ETag. */
    interface Reopener extends BiFunction<Long, String, ResponseInputStream<GetObjectResponse>> {
    }

    private final Location object;
    private final Reopener reopener;
    private final int maxAttempts;
    private final long length;
    private final String eTag;
    private ResponseInputStream<GetObjectResponse> current;
    private long position;
    private int attempts = 1;

    ResumingObjectStream(Location object, ResponseInputStream<GetObjectResponse> first, Reopener reopener, int maxAttempts) {
        this.object = object;
        this.current = first;
        this.reopener = reopener;
        this.maxAttempts = maxAttempts;
        Long declared = first.response().contentLength();
        this.length = declared == null ? -1 : declared;
        this.eTag = first.response().eTag();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (true) {
            try {
                int n = current.read(buffer, offset, count);
                if (n >= 0) {
                    position += n;
                    return n;
                }
                if (length < 0 || position >= length) {
                    return -1;
                }
                throw new EOFException("the body ended after " + position + " of its " + length + " bytes");
            } catch (IOException brokenOff) {
                if (length >= 0 && position >= length) {
                    return -1; // every byte arrived; only the end of the exchange broke
                }
                resume(brokenOff);
            }
        }
    }

    private void resume(IOException brokenOff) {
        current.abort();
        if (attempts >= maxAttempts || length < 0) {
            throw new StorageUnavailable("Cannot read " + object + ": the transfer broke off " + attempts + " times, the last after "
                    + position + " of " + length + " bytes (" + brokenOff.getMessage() + ")", brokenOff);
        }
        attempts++;
        current = reopener.apply(position, eTag);
    }

    @Override
    public void close() throws IOException {
        current.close();
    }
}
