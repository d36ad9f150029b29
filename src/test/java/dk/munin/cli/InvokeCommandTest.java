package dk.munin.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import dk.munin.state.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code munin invoke} against a stand-in for AWS Lambda's Invoke API (REST-JSON: POST
 * /2015-03-31/functions/{name}/invocations; a function's own error as 200 with
 * X-Amz-Function-Error and the runtime's error object), through the real camel-aws2-lambda client.
 */
class InvokeCommandTest {

    private static final String INVOCATIONS = "/2015-03-31/functions/munin-guard-budget/invocations";

    @TempDir
    Path dir;
    private final WireMockServer lambda = new WireMockServer(options().dynamicPort());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        lambda.start();
    }

    @AfterEach
    void stop() {
        lambda.stop();
    }

    @Test
    void printsTheFunctionsReply() throws Exception {
        lambda.stubFor(post(urlEqualTo(INVOCATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Executed-Version", "$LATEST").withBody("{\"session_id\":\"run-0123456789ab\"}")));
        Path payload = Files.writeString(dir.resolve("manifest.json"), "{\"input_uri\": \"s3://b/raw/\", \"budget_dkk\": 5}");

        int exit = munin("invoke", "guard-budget", "--payload", payload.toString());

        assertThat(exit).as(err()).isZero();
        assertThat(Json.parse(out())).isEqualTo(Json.parse("{\"session_id\":\"run-0123456789ab\"}"));
        lambda.verify(1, postRequestedFor(urlEqualTo(INVOCATIONS)).withRequestBody(equalToJson(Files.readString(payload))));
    }

    @Test
    void aFunctionErrorPrintsItsTypeAndMessageAndFails() {
        lambda.stubFor(post(urlEqualTo(INVOCATIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("X-Amz-Function-Error", "Unhandled").withHeader("X-Amz-Executed-Version", "$LATEST")
                .withBody("{\"errorMessage\":\"Manifest field 'input_uri': is required (a folder, a file: URI or s3://bucket/prefix/)\","
                        + "\"errorType\":\"dk.munin.manifest.InvalidManifest\","
                        + "\"stackTrace\":[\"dk.munin.manifest.ManifestRules.location(ManifestRules.java:104)\"]}")));

        int exit = munin("invoke", "guard-budget");

        assertThat(exit).isEqualTo(MuninCli.RUN_FAILED);
        assertThat(err()).contains("✗ munin-guard-budget failed: dk.munin.manifest.InvalidManifest: Manifest field 'input_uri': is required");
        assertThat(out()).isEmpty();
        lambda.verify(1, postRequestedFor(urlEqualTo(INVOCATIONS)).withRequestBody(equalToJson("{}")));
    }

    @Test
    void refusesAStageThatIsNoLambdaFunctionNamingTheOnesThatAre() {
        int exit = munin("invoke", "submit-batch-stage1");

        assertThat(exit).isEqualTo(MuninCli.BAD_INPUT);
        assertThat(err()).contains("'submit-batch-stage1' is no Lambda stage; one of guard-budget, stage0-exif, cost-estimation, "
                + "merge-detections, stage2-post, weather-enrichment, write-parquet");
        assertThat(lambda.getAllServeEvents()).isEmpty();
    }

    private int munin(String... args) {
        Properties settings = new Properties();
        settings.setProperty("camel.component.aws2-lambda.override-endpoint", "true");
        settings.setProperty("camel.component.aws2-lambda.uri-endpoint-override", "http://127.0.0.1:" + lambda.port());
        settings.setProperty("camel.component.aws2-lambda.use-default-credentials-provider", "false");
        settings.setProperty("camel.component.aws2-lambda.access-key", "munin-test");
        settings.setProperty("camel.component.aws2-lambda.secret-key", "munin-test-secret");
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            return new MuninCli(o, e, Clock.systemUTC(), settings).execute(args);
        }
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
