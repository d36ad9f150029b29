package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.StorageUnavailable;
import dk.munin.state.Json;
import dk.munin.workflow.AslRunner;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.InvalidDefinition;
import dk.munin.workflow.StateMachine;
import dk.munin.workflow.Workflows;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaRouteBindingTest {

    private final Workflows workflows = new Workflows();
    private final List<Object> bodiesReceived = new ArrayList<>();
    private CamelContext camel;

    @BeforeEach
    void startRoutes() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // Failures are the point of several tests; the binding reports them, no need for Camel to log them too.
                errorHandler(noErrorHandler());
                from("direct:echo").routeId("echo").process(e -> {
                    bodiesReceived.add(e.getMessage().getBody());
                    ObjectNode state = (ObjectNode) Json.parse(e.getMessage().getBody(String.class));
                    e.getMessage().setBody(Json.write(state.put("echoed", true)));
                });
                from("direct:tree").routeId("tree").process(e -> e.getMessage().setBody(json("{\"tree\": [1, 2]}")));
                from("direct:nothing").routeId("nothing").process(e -> e.getMessage().setBody(null));
                from("direct:prose").routeId("prose").setBody(constant("all good"));
                from("direct:fail").routeId("fail").process(e -> {
                    throw new IllegalStateException("The manifest has no input_uri");
                });
                from("direct:fail-checked").routeId("fail-checked").process(e -> {
                    throw new IOException("disk gone");
                });
                from("direct:fail-wrapped").routeId("fail-wrapped").process(e -> {
                    throw new CamelExecutionException("wrapped", e, new StorageUnavailable("S3 said 503", null));
                });
            }
        });
        camel.start();
    }

    @AfterEach
    void stopRoutes() {
        camel.stop();
    }

    private ExecutionResult invoke(String functionName, String extraStateFields, String input) {
        String caught = extraStateFields.contains("\"Caught\"") ? ", \"Caught\": {\"Type\": \"Pass\", \"End\": true}" : "";
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "%s", "Payload.$": "$"} %s, "End": true} %s}}"""
                .formatted(functionName, extraStateFields, caught));
        AslRunner runner = AslRunner.builder(machine, Workflows.STATE_MACHINE_ARN)
                .binding(LambdaRouteBinding.RESOURCE, new LambdaRouteBinding(camel.createProducerTemplate(), "munin-"))
                .clock(workflows.clock).sleeper(workflows.sleeper).build();
        return runner.run("lambda", json(input));
    }

    private ExecutionResult invoke(String functionName) {
        return invoke(functionName, ", \"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Caught\"}]", "{\"photos\": 3}");
    }

    @Test
    void thePayloadGoesToTheRouteAsAJsonStringAndTheReplyIsWrappedLikeTheLambdaIntegration() {
        ExecutionResult result = invoke("munin-echo");

        assertThat(bodiesReceived).singleElement().isInstanceOf(String.class);
        assertThat(json((String) bodiesReceived.get(0))).isEqualTo(json("{\"photos\": 3}"));
        assertThat(result.output()).isEqualTo(json("""
                {"ExecutedVersion": "$LATEST", "Payload": {"photos": 3, "echoed": true}, "StatusCode": 200}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "munin-echo",
            "munin-echo:live",
            "arn:aws:lambda:eu-north-1:000000000000:function:munin-echo",
            "arn:aws:lambda:eu-north-1:000000000000:function:munin-echo:7",
            "000000000000:function:munin-echo",
    })
    void theFunctionNameMayBeANameOrAnArnWithAQualifier(String functionName) {
        assertThat(invoke(functionName).output().at("/Payload/echoed").asBoolean()).isTrue();
    }

    @Test
    void aReplyThatIsAJacksonTreeIsTakenAsItIs() {
        assertThat(invoke("munin-tree").output().get("Payload")).isEqualTo(json("{\"tree\": [1, 2]}"));
    }

    @Test
    void anEmptyReplyIsANullPayload() {
        assertThat(invoke("munin-nothing").output().get("Payload").isNull()).isTrue();
    }

    @Test
    void aReplyThatIsNotJsonFailsTheTask() {
        ExecutionResult result = invoke("munin-prose", "", "{}");

        assertThat(result.error()).isEqualTo("States.TaskFailed");
        assertThat(result.cause()).contains("prose").contains("all good");
    }

    @Test
    void anExceptionFailsTheTaskAsALambdaFunctionErrorNamedByItsClass() {
        ExecutionResult result = invoke("munin-fail", """
                , "Catch": [{"ErrorEquals": ["java.lang.IllegalStateException"], "ResultPath": "$.error", "Next": "Caught"}]""",
                "{\"photos\": 3}");

        assertThat(Workflows.statesEntered(result)).containsExactly("Call", "Caught");
        assertThat(result.output().at("/error/Error").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json(result.output().at("/error/Cause").asText())).isEqualTo(json("""
                {"errorMessage": "The manifest has no input_uri", "errorType": "java.lang.IllegalStateException", "stackTrace": []}"""));
    }

    @Test
    void aCheckedExceptionKeepsItsOwnName() {
        ExecutionResult result = invoke("munin-fail-checked", "", "{}");

        assertThat(result.error()).isEqualTo("java.io.IOException");
        assertThat(json(result.cause()).get("errorMessage").asText()).isEqualTo("disk gone");
    }

    @Test
    void camelsWrappingIsRemovedSoTheAslSeesTheRealError() {
        ExecutionResult result = invoke("munin-fail-wrapped", """
                , "Retry": [{"ErrorEquals": ["dk.munin.contract.storage.StorageUnavailable"], "IntervalSeconds": 2, "MaxAttempts": 2}]""", "{}");

        assertThat(result.error()).isEqualTo("dk.munin.contract.storage.StorageUnavailable");
        assertThat(workflows.sleeper.pauses()).hasSize(2);
    }

    @Test
    void aFunctionWithoutARouteFailsNamingTheStateAndTheRoute() {
        ExecutionResult result = invoke("arn:aws:lambda:eu-north-1:000000000000:function:munin-missing", "", "{}");

        assertThat(result.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(result.cause()).contains("State Call").contains("'missing'").contains("direct:missing");
    }

    @Test
    void aFunctionNameWithoutThePrefixFailsNamingIt() {
        ExecutionResult result = invoke("other-echo", "", "{}");

        assertThat(result.error()).isEqualTo("Lambda.ResourceNotFoundException");
        assertThat(result.cause()).contains("other-echo").contains("'munin-'");
    }

    @Test
    void parametersTheBindingCannotHonourAreRefusedWhenTheRunnerIsBuilt() {
        StateMachine logged = Workflows.machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "munin-echo", "LogType": "Tail"}, "End": true}}}""");
        StateMachine asynchronous = Workflows.machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "munin-echo", "InvocationType": "Event"}, "End": true}}}""");
        StateMachine noFunction = Workflows.machine("""
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"Payload.$": "$"}, "End": true}}}""");
        LambdaRouteBinding binding = new LambdaRouteBinding(camel.createProducerTemplate(), "munin-");

        assertThatThrownBy(() -> AslRunner.builder(logged, Workflows.STATE_MACHINE_ARN).binding(LambdaRouteBinding.RESOURCE, binding).build())
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("State 'Call', field 'Parameters.LogType': is not supported by the embedded runner's lambda:invoke");
        assertThatThrownBy(() -> AslRunner.builder(asynchronous, Workflows.STATE_MACHINE_ARN).binding(LambdaRouteBinding.RESOURCE, binding).build())
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("State 'Call', field 'Parameters.InvocationType': only RequestResponse");
        assertThatThrownBy(() -> AslRunner.builder(noFunction, Workflows.STATE_MACHINE_ARN).binding(LambdaRouteBinding.RESOURCE, binding).build())
                .isInstanceOf(InvalidDefinition.class)
                .hasMessageContaining("State 'Call', field 'Parameters.FunctionName': is required");
    }
}
