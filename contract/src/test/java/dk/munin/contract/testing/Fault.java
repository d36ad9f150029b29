package dk.munin.contract.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault {@link FaultyS3Proxy} can inject into one request, as S3 or the network between
 * produce them on a long run.
 *
 * @param kind  what goes wrong
 * @param delay for {@link Kind#DELAY}: how long the answer is held back; zero otherwise
 */
public record Fault(Kind kind, Duration delay) {

    public enum Kind {
        /** HTTP 500 with S3's InternalError body; the request never reaches the server. */
        INTERNAL_ERROR,
        /** HTTP 503 with S3's SlowDown body: S3 throttling; the request never reaches the server. */
        SLOW_DOWN,
        /**
         * The connection is reset while the request is being sent: half of its body reaches the
         * server, which sees the upload break off (a request without a body is cut after its head).
         */
        RESET_DURING_REQUEST,
        /**
         * The server handles the request, then the connection is reset while its answer is being
         * sent: after half of the body, or before anything when the answer has none (a PUT's).
         */
        RESET_DURING_RESPONSE,
        /** The server's answer is held back for {@link #delay()} before it is sent. */
        DELAY,
        /**
         * The answer's head promises its whole Content-Length, half of the body follows, then the
         * connection closes normally. Applies to answers with a body only.
         */
        TRUNCATED_BODY
    }

    public static final Fault INTERNAL_ERROR = new Fault(Kind.INTERNAL_ERROR, Duration.ZERO);
    public static final Fault SLOW_DOWN = new Fault(Kind.SLOW_DOWN, Duration.ZERO);
    public static final Fault RESET_DURING_REQUEST = new Fault(Kind.RESET_DURING_REQUEST, Duration.ZERO);
    public static final Fault RESET_DURING_RESPONSE = new Fault(Kind.RESET_DURING_RESPONSE, Duration.ZERO);
    public static final Fault TRUNCATED_BODY = new Fault(Kind.TRUNCATED_BODY, Duration.ZERO);

    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
    }

    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, delay);
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "DELAY " + delay.toMillis() + " ms" : kind.name();
    }
}
