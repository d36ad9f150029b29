package dk.munin.weather;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One GET to a weather service through camel-http (MET Norway's Locationforecast, Open-Meteo's
 * archive, MET Norway's Frost). HTTP errors come back as an answer with their status
 * (throwExceptionOnFailure=false), so the caller can name them in the event's reason; only a
 * service that cannot be reached at all throws.
 */
public class WeatherHttp {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherHttp.class);
    /** MET Norway's way of saying a product is deprecated (its terms ask clients to log it). */
    private static final int NON_AUTHORITATIVE = 203;
    /** The response headers a cache of the answers needs (ResponseCache), in the spelling it keeps them. */
    static final List<String> CACHE_HEADERS = List.of("Expires", "Last-Modified", "Date", "Content-Type");
    static final String IF_MODIFIED_SINCE = "If-Modified-Since";
    private static final Pattern USER_INFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    private final ProducerTemplate producer;
    private final String url;
    private final String endpointUri;
    private final String userAgent;
    /** Headers every request carries besides User-Agent and Accept, e.g. Frost's Authorization. */
    private final Map<String, String> headers;

    private final String service;
    private final RetryPolicy retries;
    private final AtomicBoolean deprecationLogged = new AtomicBoolean();

    /**
     * @param service           the service's name, for messages ("MET Norway", "Open-Meteo")
     * @param url               its base URL (munin.weather.metno.url, munin.weather.open-meteo.archive-url or .forecast-url)
     * @param userAgent         munin.weather.metno.user-agent (MET Norway blocks requests without an identifying one)
     * @param connectTimeoutMs  munin.weather.connect-timeout-ms
     * @param responseTimeoutMs munin.weather.response-timeout-ms
     */
    public WeatherHttp(ProducerTemplate producer, String service, String url, String userAgent,
                       int connectTimeoutMs, int responseTimeoutMs) {
        this(producer, service, url, userAgent, connectTimeoutMs, responseTimeoutMs, RetryPolicy.NONE);
    }

    /** @param retries when a 429 or 5xx is asked again (munin.weather.retry.*) */
    public WeatherHttp(ProducerTemplate producer, String service, String url, String userAgent,
                       int connectTimeoutMs, int responseTimeoutMs, RetryPolicy retries) {
        this(producer, service, url, url + (url.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
                + "&httpConnection.connectTimeout=" + connectTimeoutMs
                + "&httpClient.responseTimeout=" + responseTimeoutMs, userAgent, retries, Map.of());
    }

    private WeatherHttp(ProducerTemplate producer, String service, String url, String endpointUri, String userAgent,
                        RetryPolicy retries, Map<String, String> headers) {
        this.producer = producer;
        this.service = service;
        this.url = url;
        this.endpointUri = endpointUri;
        this.userAgent = userAgent;
        this.retries = retries;
        this.headers = Map.copyOf(headers);
    }

    /** The same client, its requests also carrying {@code name: value} (a service's credentials). */
    public WeatherHttp withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new WeatherHttp(producer, service, url, endpointUri, userAgent, retries, more);
    }

    /**
     * The status and body of the service's answer.
     *
     * @param retryAfter the answer's Retry-After header, or null
     * @param attempts   the requests it took, the first included; 0 for an answer from the cache
     * @param headers    those of {@link #CACHE_HEADERS} the answer carried, under those names
     */
    record Answer(int status, String body, String retryAfter, int attempts, Map<String, String> headers) {

        Answer {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** An answer without the headers a cache reads. */
        Answer(int status, String body, String retryAfter, int attempts) {
            this(status, body, retryAfter, attempts, Map.of());
        }

        /** An answer without a Retry-After, to the first request. */
        Answer(int status, String body) {
            this(status, body, null, 1);
        }

        Answer after(int attempt) {
            return new Answer(status, body, retryAfter, attempt, headers);
        }

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    String service() {
        return service;
    }

    /**
     * The URL a request is sent to, as a cache names the answer: the base URL, the path and the
     * query, never the headers (where Frost's credentials go). A user name and password in the
     * base URL are left out.
     *
     * @param path as for {@link #get(String, String)}
     */
    String requestUrl(String path, String query) {
        String resource = path.isEmpty() ? url : url + (url.endsWith("/") || path.startsWith("/") ? "" : "/") + path;
        String withQuery = query.isEmpty() ? resource : resource + (resource.contains("?") ? "&" : "?") + query;
        return withoutUserInfo(withQuery);
    }

    /** Text with every URL in it without the user name and password it may carry ({@code https://user:secret@host/...}). */
    static String withoutUserInfo(String text) {
        return USER_INFO.matcher(text).replaceAll("$1");
    }

    /**
     * The answer, after the retries a 429 or 5xx is given; the last answer when they run out.
     *
     * @param query the request's query string, without '?'
     */
    Answer get(String query) {
        return get("", query);
    }

    /**
     * As {@link #get(String)}, for one resource below the base URL: a service with several
     * (Frost's sources and observations) is one client, counted as one provider.
     *
     * @param path the resource's path relative to the base URL, e.g. "sources/v0.jsonld"; "" for the base URL itself
     */
    Answer get(String path, String query) {
        return get(path, query, Map.of());
    }

    /**
     * As {@link #get(String, String)}, asking for the answer only if it changed since the cached
     * one's Last-Modified: the service answers 304 Not Modified, without a body, when it did not.
     *
     * @param lastModified the cached answer's Last-Modified, sent back exactly as it came (MET Norway's terms)
     */
    Answer getIfModifiedSince(String path, String query, String lastModified) {
        return get(path, query, Map.of(IF_MODIFIED_SINCE, lastModified));
    }

    private Answer get(String path, String query, Map<String, String> conditional) {
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            Answer answer = once(path, query, conditional).after(attempt);
            if (!RetryPolicy.retryable(answer.status())) {
                return answer;
            }
            Optional<Duration> wait = retries.waitBefore(attempt, answer.retryAfter(), waited, Instant.now());
            if (wait.isEmpty()) {
                return answer;
            }
            LOG.info("{} answered HTTP {}; asking again in {} s (attempt {} of {})", service, answer.status(),
                    wait.get().toSeconds(), attempt + 1, retries.maxAttempts());
            try {
                retries.sleeper().sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            waited = waited.plus(wait.get());
        }
    }

    private Answer once(String path, String query, Map<String, String> conditional) {
        // The path and query go in headers, not the endpoint URI: one endpoint (and connection
        // pool) serves every position and resource instead of one per camera.
        Exchange reply = producer.send(endpointUri, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, "GET");
            if (!path.isEmpty()) {
                request.setHeader(Exchange.HTTP_PATH, path);
            }
            request.setHeader(Exchange.HTTP_QUERY, query);
            request.setHeader("User-Agent", userAgent);
            request.setHeader("Accept", "application/json");
            headers.forEach(request::setHeader);
            conditional.forEach(request::setHeader);
        });
        if (reply.getException() != null) {
            throw new ProviderUnreachable(service + " could not be reached: " + withoutUserInfo(rootMessage(reply.getException())),
                    reply.getException());
        }
        Message response = reply.getMessage();
        int status = response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status == NON_AUTHORITATIVE && deprecationLogged.compareAndSet(false, true)) {
            LOG.warn("{} answered HTTP 203: the product or version Munin asks for is deprecated and will go away ({})", service,
                    withoutUserInfo(endpointUri.substring(0, endpointUri.indexOf('?'))));
        }
        return new Answer(status, response.getBody(String.class), response.getHeader("Retry-After", String.class), 1,
                cacheHeaders(response));
    }

    private static Map<String, String> cacheHeaders(Message response) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : CACHE_HEADERS) {
            String value = response.getHeader(name, String.class);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return kept;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
