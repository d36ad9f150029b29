package dk.munin.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dk.munin.state.Json;

import java.util.List;
import java.util.Properties;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * AWS Step Functions' StartExecution on loopback, in its wire protocol (awsJson1_0: POST / with
 * X-Amz-Target AWSStepFunctions.StartExecution; errors as HTTP 400 with {"__type", "message"}),
 * for the real camel-aws2-step-functions client to talk to.
 */
public final class StepFunctionsStandIn implements AutoCloseable {

    public static final String STATE_MACHINE_ARN = "arn:aws:states:eu-north-1:123456789012:stateMachine:munin-pipeline";
    static final String TARGET = "AWSStepFunctions.StartExecution";
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final String STARTS = "StartExecution";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public StepFunctionsStandIn() {
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Every StartExecution answers with a new execution of the requested name, as for a first start. */
    public StepFunctionsStandIn startsEveryExecution() {
        server.stubFor(startExecution().willReturn(started()));
        return this;
    }

    /** The first StartExecution starts an execution; any later one finds the name taken (ExecutionAlreadyExists), as once the first run closed. */
    public StepFunctionsStandIn startsOnceThenNameTaken() {
        server.stubFor(startExecution().inScenario(STARTS).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(started()).willSetStateTo("started"));
        server.stubFor(startExecution().inScenario(STARTS).whenScenarioStateIs("started")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_1_0)
                        .withBody("{\"__type\":\"ExecutionAlreadyExists\",\"message\":\"Execution Already Exists: '"
                                + STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":...'\"}")));
        return this;
    }

    /** The bodies of the StartExecution requests received, in order. */
    public List<JsonNode> startRequests() {
        return server.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))).stream()
                .map(request -> Json.parse(request.getBodyAsString())).toList();
    }

    /** The Authorization headers of all requests received (their SigV4 credential scope names the region). */
    public List<String> authorizations() {
        return server.getAllServeEvents().stream().map(event -> event.getRequest().getHeader("Authorization")).toList();
    }

    /** Settings that point camel-aws2-step-functions here with static keys, as a user would in application.properties. */
    public Properties camelProperties() {
        Properties properties = new Properties();
        properties.setProperty("camel.component.aws2-step-functions.override-endpoint", "true");
        properties.setProperty("camel.component.aws2-step-functions.uri-endpoint-override", endpoint());
        properties.setProperty("camel.component.aws2-step-functions.use-default-credentials-provider", "false");
        properties.setProperty("camel.component.aws2-step-functions.access-key", "munin-test");
        properties.setProperty("camel.component.aws2-step-functions.secret-key", "munin-test-secret");
        properties.setProperty("munin.trigger.state-machine-arn", STATE_MACHINE_ARN);
        return properties;
    }

    private static MappingBuilder startExecution() {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET))
                .withHeader("Content-Type", equalTo(JSON_1_0));
    }

    /** StartExecution's answer, the execution ARN made from the request's name by response templating. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder started() {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON_1_0)
                .withBody("{\"executionArn\":\"" + STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:")
                        + ":{{jsonPath request.body '$.name'}}\",\"startDate\":1.7330544E9}")
                .withTransformers("response-template");
    }

    @Override
    public void close() {
        server.stop();
    }
}
