package dk.munin.weather;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One provider's requests within one run, counted for the run report: each goes to the
 * provider's service through {@link WeatherHttp} (with its retries).
 */
public class WeatherCalls {

    private final WeatherHttp http;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public WeatherCalls(WeatherHttp http) {
        this.http = http;
    }

    /** What was asked and answered so far. */
    public record Counts(long requests, long cacheHits, long notModified, long failures) {
    }

    String service() {
        return http.service();
    }

    /**
     * The service's answer to a query.
     *
     * @throws ProviderUnreachable when the service cannot be reached at all
     */
    WeatherHttp.Answer get(String query) {
        return get("", query);
    }

    /**
     * The answer of one resource below the service's base URL (Frost's sources, its observations).
     *
     * @throws ProviderUnreachable when the service cannot be reached at all
     */
    WeatherHttp.Answer get(String path, String query) {
        try {
            WeatherHttp.Answer answer = http.get(path, query);
            requests.addAndGet(answer.attempts());
            if (!answer.ok()) {
                failures.incrementAndGet();
            }
            return answer;
        } catch (ProviderUnreachable e) {
            requests.incrementAndGet();
            failures.incrementAndGet();
            throw e;
        }
    }

    /** A body that came back but could not be read counts as a failure too. */
    void unreadable() {
        failures.incrementAndGet();
    }

    public Counts counts() {
        return new Counts(requests.get(), cacheHits.get(), notModified.get(), failures.get());
    }
}
