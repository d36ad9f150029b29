package dk.munin.weather;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

/**
 * Turns off Apache HttpClient's own retries: by default it repeats a request MET answered
 * with 429 or 503. MET asks throttled clients to back off, and Munin asks once per position
 * per run, so a refusal is reported as it is.
 */
public class NoAutomaticRetries implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
