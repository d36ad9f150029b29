package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.workflow.AslRunner;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.Workflows;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

class RouteBindingTest {

    private static final String SUBMIT_JOB = """
            {"StartAt": "Detect", "States": {
              "Detect": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync",
                "Parameters": {"JobName.$": "States.Format('munin-detector-{}', $.session_id)", "JobQueue": "queue-arn",
                               "JobDefinition": "definition-arn",
                               "ContainerOverrides": {"Environment": [{"Name": "INPUT_URI", "Value.$": "$.input"}]}},
                "ResultSelector": {"job_id.$": "$.JobId", "status.$": "$.Status"},
                "ResultPath": "$.job",
                "Catch": [{"ErrorEquals": ["States.TaskFailed"], "ResultPath": "$.error", "Next": "DetectionFailed"}],
                "End": true},
              "DetectionFailed": {"Type": "Fail", "Error": "DetectionFailed", "CausePath": "$.error.Cause"}}}""";

    private final List<Object> received = new ArrayList<>();
    private CamelContext camel;

    private ExecutionResult runWith(RouteBuilder detector) throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(detector);
        camel.start();
        AslRunner runner = AslRunner.builder(Workflows.machine(SUBMIT_JOB), Workflows.STATE_MACHINE_ARN)
                .binding(RouteBinding.BATCH_SUBMIT_JOB_SYNC, new RouteBinding(camel.createProducerTemplate(), "direct:detect"))
                .clock(new Workflows().clock).build();
        return runner.run("detect", json("{\"session_id\": \"s1\", \"input\": \"file:/photos\"}"));
    }

    @AfterEach
    void stopRoutes() {
        camel.stop();
    }

    @Test
    void theResolvedParametersGoToTheRouteAndItsJobDescriptionIsTheResult() throws Exception {
        ExecutionResult result = runWith(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:detect").process(e -> {
                    received.add(e.getMessage().getBody());
                    JsonNode job = Json.parse(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"JobId\": \"job-1\", \"JobName\": \"" + job.get("JobName").asText() + "\", \"Status\": \"SUCCEEDED\"}");
                });
            }
        });

        assertThat(received).singleElement().isInstanceOf(String.class);
        assertThat(json((String) received.get(0))).isEqualTo(json("""
                {"JobName": "munin-detector-s1", "JobQueue": "queue-arn", "JobDefinition": "definition-arn",
                 "ContainerOverrides": {"Environment": [{"Name": "INPUT_URI", "Value": "file:/photos"}]}}"""));
        assertThat(result.output()).isEqualTo(json("""
                {"session_id": "s1", "input": "file:/photos", "job": {"job_id": "job-1", "status": "SUCCEEDED"}}"""));
    }

    @Test
    void aRouteThatThrowsFailsTheTaskWithStatesTaskFailedAndItsMessage() throws Exception {
        ExecutionResult result = runWith(new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(noErrorHandler());
                from("direct:detect").throwException(new IllegalStateException("Detector exited with status 137"));
            }
        });

        assertThat(Workflows.statesEntered(result)).containsExactly("Detect", "DetectionFailed");
        assertThat(result.history().get(0).error()).isEqualTo("States.TaskFailed");
        assertThat(result.error()).isEqualTo("DetectionFailed");
        assertThat(result.cause()).isEqualTo("Detector exited with status 137");
    }
}
