package dk.munin.weather;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/**
 * One GET to MET Norway's Locationforecast through camel-http. HTTP errors come back as an
 * answer with their status (throwExceptionOnFailure=false), so the caller can name them in
 * the event's reason; only a service that cannot be reached at all throws.
 */
public class LocationforecastClient {

    private final ProducerTemplate producer;
    private final String endpointUri;
    private final String userAgent;

    /**
     * @param url               munin.weather.metno.url
     * @param userAgent         munin.weather.metno.user-agent (MET Norway blocks requests without an identifying one)
     * @param connectTimeoutMs  munin.weather.connect-timeout-ms
     * @param responseTimeoutMs munin.weather.response-timeout-ms
     */
    public LocationforecastClient(ProducerTemplate producer, String url, String userAgent,
                                  int connectTimeoutMs, int responseTimeoutMs) {
        this.producer = producer;
        this.userAgent = userAgent;
        this.endpointUri = url + (url.contains("?") ? "&" : "?")
                + "throwExceptionOnFailure=false"
                + "&httpClientConfigurer=#class:" + NoAutomaticRetries.class.getName()
                + "&httpConnection.connectTimeout=" + connectTimeoutMs
                + "&httpClient.responseTimeout=" + responseTimeoutMs;
    }

    /** The status and body of MET Norway's answer for one position. */
    record Answer(int status, String body) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    Answer forecastAt(RoundedPosition position) {
        // Position goes in the query header, not the endpoint URI: one endpoint (and connection
        // pool) serves every position instead of one per camera.
        Exchange reply = producer.send(endpointUri, exchange -> {
            Message request = exchange.getMessage();
            request.setHeader(Exchange.HTTP_METHOD, "GET");
            request.setHeader(Exchange.HTTP_QUERY, "lat=" + position.latitude() + "&lon=" + position.longitude());
            request.setHeader("User-Agent", userAgent);
            request.setHeader("Accept", "application/json");
        });
        if (reply.getException() != null) {
            throw new ProviderUnreachable("MET Norway could not be reached: " + rootMessage(reply.getException()),
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
