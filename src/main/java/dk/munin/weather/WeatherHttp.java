package dk.munin.weather;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * One GET to a weather service through camel-http (MET Norway's Locationforecast, Open-Meteo's
 * archive). HTTP errors come back as an answer with their status (throwExceptionOnFailure=false),
 * so the caller can name them in the event's reason; only a service that cannot be reached at
 * all throws.
 */
public class WeatherHttp {

    private final ProducerTemplate producer;
    private final String endpointUri;
    private final String userAgent;

    private final String service;

    /**
     * @param service           the service's name, for messages ("MET Norway", "Open-Meteo")
     * @param url               its base URL (munin.weather.metno.url, munin.weather.open-meteo.archive-url)
     * @param userAgent         munin.weather.metno.user-agent (MET Norway blocks requests without an identifying one)
     * @param connectTimeoutMs  munin.weather.connect-timeout-ms
     * @param responseTimeoutMs munin.weather.response-timeout-ms
     */
    public WeatherHttp(ProducerTemplate producer, String service, String url, String userAgent,
                       int connectTimeoutMs, int responseTimeoutMs) {
        this.producer = producer;
        this.service = service;
        this.userAgent = userAgent;
        this.endpointUri = url + (url.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
                + "&httpConnection.connectTimeout=" + connectTimeoutMs
                + "&httpClient.responseTimeout=" + responseTimeoutMs;
    }

    /** The status and body of the service's answer. */
    record Answer(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    String service() {
        return service;
    }

    /** @param query the request's query string, without '?' */
    Answer get(String query) {
        // The query goes in a header, not the endpoint URI: one endpoint (and connection pool)
        // serves every position instead of one per camera.
        Exchange reply = producer.send(endpointUri, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, "GET");
            request.setHeader(Exchange.HTTP_QUERY, query);
            request.setHeader("User-Agent", userAgent);
            request.setHeader("Accept", "application/json");
        });
        if (reply.getException() != null) {
            throw new ProviderUnreachable(service + " could not be reached: " + rootMessage(reply.getException()),
                    reply.getException());
        }
        Message response = reply.getMessage();
        return new Answer(response.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class), response.getBody(String.class));
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
