package dk.munin.contract.testing;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Which fault, if any, {@link FaultyS3Proxy} injects into each request. Scripts are asked once per
 * request, from the proxy's connection threads, and combine with {@link #or}.
 */
@FunctionalInterface
public interface FaultScript {

    /** @return the fault for this request, or null to pass it through untouched */
    Fault faultFor(S3Request request);

    /**
     * One request as the proxy saw it, path-style ({@code /bucket/key}).
     *
     * @param number  1 for the proxy's first request, counting every request
     * @param method  GET, PUT, HEAD, DELETE ...
     * @param bucket  null for a request to the service (ListBuckets)
     * @param key     the object key, decoded; empty for bucket-level requests (listings)
     * @param query   the raw query string, or empty
     * @param range   the Range header (bytes=start-end), or null for the whole object
     */
    record S3Request(int number, String method, String bucket, String key, String query, String range) {

        /** s3://bucket/key, as Munin names the object. */
        public String uri() {
            return "s3://" + bucket + "/" + key;
        }

        /** A ranged or whole GET of an object (not a listing). */
        public boolean isObjectRead() {
            return method.equals("GET") && !key.isEmpty();
        }

        public boolean isObjectWrite() {
            return method.equals("PUT") && !key.isEmpty();
        }
    }

    /** Passes every request through. */
    static FaultScript none() {
        return request -> null;
    }

    /** The fault for the proxy's requests with these numbers (1 = the first request it sees). */
    static FaultScript onRequests(Fault fault, int... numbers) {
        return request -> {
            for (int number : numbers) {
                if (request.number() == number) {
                    return fault;
                }
            }
            return null;
        };
    }

    /** The fault for every request of {@code method} on {@code key}, for as long as the script is in place. */
    static FaultScript always(String method, String key, Fault fault) {
        return request -> request.method().equals(method) && request.key().equals(key) ? fault : null;
    }

    /** The fault for the first {@code times} requests of {@code method} on {@code key}; later ones pass. */
    static FaultScript firstTimes(String method, String key, Fault fault, int times) {
        AtomicInteger seen = new AtomicInteger();
        return request -> request.method().equals(method) && request.key().equals(key) && seen.incrementAndGet() <= times ? fault : null;
    }

    /** The fault for the first {@code times} requests that {@code matches} accepts. */
    static FaultScript firstTimes(Predicate<S3Request> matches, Fault fault, int times) {
        AtomicInteger seen = new AtomicInteger();
        return request -> matches.test(request) && seen.incrementAndGet() <= times ? fault : null;
    }

    /**
     * Each request that {@code eligible} accepts gets one of {@code faults} with probability
     * {@code rate}. The draw depends only on the seed, the request's method, bucket, key and
     * query, and how many times that same request was seen before, never on how concurrent
     * requests interleave: a rerun with the same seed meets the same faults.
     */
    static FaultScript atRate(double rate, long seed, Predicate<S3Request> eligible, List<Fault> faults) {
        Map<String, AtomicInteger> repeats = new ConcurrentHashMap<>();
        return request -> {
            if (!eligible.test(request)) {
                return null;
            }
            String identity = request.method() + " " + request.bucket() + "/" + request.key() + "?" + request.query();
            int repeat = repeats.computeIfAbsent(identity, ignored -> new AtomicInteger()).getAndIncrement();
            SplittableRandom draw = new SplittableRandom(seed ^ ((long) identity.hashCode() << 20) ^ repeat);
            if (draw.nextDouble() >= rate) {
                return null;
            }
            return faults.get(draw.nextInt(faults.size()));
        };
    }

    /** This script's fault, else {@code other}'s. */
    default FaultScript or(FaultScript other) {
        return request -> {
            Fault mine = faultFor(request);
            return mine != null ? mine : other.faultFor(request);
        };
    }
}
