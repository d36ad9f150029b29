package dk.munin.weather;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One provider's requests within one run, counted for the run report. Each query is answered
 * from the provider's {@link ResponseCache} while the answer there is current, revalidated with
 * If-Modified-Since once it is not (a 304 reuses it), else sent to the service through
 * {@link WeatherHttp} (with its retries); a 200 is kept for the next run, an error never.
 */
public class WeatherCalls {

    private static final int OK = 200;
    private static final int NOT_MODIFIED = 304;

    private final WeatherHttp http;
    private final ResponseCache cache;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    /** Without a cache: every query is a request. */
    public WeatherCalls(WeatherHttp http) {
        this(http, ResponseCache.NONE);
    }

    WeatherCalls(WeatherHttp http, ResponseCache cache) {
        this.http = http;
        this.cache = cache;
    }

    /**
     * What was asked and answered so far.
     *
     * @param requests    HTTP requests sent, each retry and each revalidation included
     * @param cacheHits   queries answered from the cache without a request
     * @param notModified revalidations answered 304 Not Modified (the cached answer reused)
     * @param failures    queries that ended without a usable answer
     */
    public record Counts(long requests, long cacheHits, long notModified, long failures) {
    }

    String service() {
        return http.service();
    }

    /**
     * The service's answer to a query, from the cache when it is current there.
     *
     * @throws ProviderUnreachable when the service must be asked and cannot be reached at all
     */
    WeatherHttp.Answer get(String query) {
        return get("", query);
    }

    /**
     * As {@link #get(String)}, for one resource below the service's base URL (Frost's sources,
     * its observations).
     *
     * @throws ProviderUnreachable when the service must be asked and cannot be reached at all
     */
    WeatherHttp.Answer get(String path, String query) {
        String requestUrl = http.requestUrl(path, query);
        Optional<CachedResponse> cached = cache.find(requestUrl);
        if (cached.isPresent() && cache.fresh(cached.get())) {
            cacheHits.incrementAndGet();
            return cached.get().answer();
        }
        Optional<String> lastModified = cached.flatMap(CachedResponse::lastModified);
        WeatherHttp.Answer answer = send(() -> lastModified.isPresent()
                ? http.getIfModifiedSince(path, query, lastModified.get()) : http.get(path, query));
        if (answer.status() == NOT_MODIFIED && cached.isPresent()) {
            notModified.incrementAndGet();
            CachedResponse confirmed = cached.get().revalidated(answer.headers(), cache.now());
            cache.keep(confirmed);
            return confirmed.answer();
        }
        if (answer.status() == OK) {
            cache.keep(CachedResponse.of(requestUrl, cache.now(), answer));
        } else if (!answer.ok()) {
            failures.incrementAndGet();
        }
        return answer;
    }

    private WeatherHttp.Answer send(Supplier<WeatherHttp.Answer> request) {
        try {
            WeatherHttp.Answer answer = request.get();
            requests.addAndGet(answer.attempts());
            return answer;
        } catch (ProviderUnreachable e) {
            requests.incrementAndGet();
            failures.incrementAndGet();
            throw e;
        }
    }

    /**
     * A body that came back but could not be read counts as a failure too, and is not reused
     * by a later run: the next one asks again.
     */
    void unreadable(String path, String query) {
        failures.incrementAndGet();
        cache.rejectBody(http.requestUrl(path, query));
    }

    public Counts counts() {
        return new Counts(requests.get(), cacheHits.get(), notModified.get(), failures.get());
    }
}
