package dk.munin.weather;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A stand-in for api.met.no on a random loopback port (WireMock) and a real CamelContext whose
 * camel-http component makes the requests, as in production.
 */
public final class MetNoFixture implements AutoCloseable {

    public static final String PATH = "/weatherapi/locationforecast/2.0/compact";
    public static final String USER_AGENT = "munin-test/0.1 weather-tests@munin.example";
    public static final int CONNECT_TIMEOUT_MS = 2_000;
    public static final int RESPONSE_TIMEOUT_MS = 5_000;

    /** The recorded MET Norway responses in the shared test data, beside the project root. */
    public static final Path RECORDED = Path.of("..", "shared", "data", "weather", "metno");

    public final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    public final CamelContext camel = new DefaultCamelContext();
    public final ProducerTemplate producer;

    public MetNoFixture() {
        server.start();
        camel.start();
        producer = camel.createProducerTemplate();
    }

    public String url() {
        return server.baseUrl() + PATH;
    }

    public WeatherHttp client() {
        return client(url(), RESPONSE_TIMEOUT_MS);
    }

    public WeatherHttp client(String url, int responseTimeoutMs) {
        return new WeatherHttp(producer, MetNoLocationforecast.SERVICE, url, USER_AGENT, CONNECT_TIMEOUT_MS, responseTimeoutMs);
    }

    /** The cache rules of application.properties: 30 days, a day for an answer holding nulls. */
    public static final CacheRules CACHE_RULES = new CacheRules(Duration.ofDays(30), Duration.ofHours(24));

    /** The settings WeatherEnrichment gets in production, with a tolerance of 30 minutes and no retries. */
    public static WeatherSettings settings() {
        return new WeatherSettings(List.of(), "", "", "", USER_AGENT, OneEvent.TOLERANCE, CONNECT_TIMEOUT_MS, RESPONSE_TIMEOUT_MS,
                RetryPolicy.NONE, OneEvent.SPANS, List.of("animal"), WeatherSettings.Frost.NONE, CACHE_RULES);
    }

    public void serve(String body) {
        server.stubFor(get(urlPathEqualTo(PATH)).willReturn(okJson(body)));
    }

    /** A loopback URL where nothing listens: the port was free a moment ago. */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort() + PATH;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = MetNoFixture.class.getResourceAsStream("/weather/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource weather/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded response; the calling test is skipped when ../shared is not there (a user's clone). */
    public static String recorded(String fileName) {
        Path file = RECORDED.resolve(fileName);
        assumeTrue(Files.isRegularFile(file),
                "Skipped: the recorded MET Norway response " + file.toAbsolutePath().normalize()
                        + " is not there (../shared/data is only present on the project's machines)");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        camel.stop();
        server.stop();
    }
}
