package dk.munin.workflow.stepfunctions;

import dk.munin.workflow.ExecutionHistorySource;
import dk.munin.workflow.ExecutionHistoryUnavailable;
import dk.munin.workflow.HistoryEntry;
import dk.munin.workflow.camel.RouteReplies;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * An execution's history as Step Functions recorded it (GetExecutionHistory through
 * camel-aws2-step-functions, whose {@code camel.component.aws2-step-functions.*} settings give the
 * region and credentials), in the entries the embedded runner gives. For the run report on AWS,
 * where WriteParquet runs in a Lambda function and not beside the runner.
 */
public final class StepFunctionsHistory implements ExecutionHistorySource {

    /**
     * POJO requests: the component's headers (CamelAwsStepFunctionsExecutionArn, ...) have no
     * next token, and a history longer than a page needs one.
     */
    static final String ENDPOINT = "aws2-step-functions://execution-history?operation=getExecutionHistory&pojoRequest=true";

    private final ProducerTemplate template;

    public StepFunctionsHistory(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public List<HistoryEntry> historyOf(String executionArn) {
        try {
            return HistoryEvents.entries(events(executionArn));
        } catch (ExecutionDoesNotExistException e) {
            return List.of();
        } catch (RuntimeException e) {
            throw new ExecutionHistoryUnavailable("Step Functions' history of " + executionArn + " could not be read: " + e.getMessage(), e);
        }
    }

    private List<HistoryEvent> events(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        String nextToken = null;
        do {
            // Names, types, times and errors are all the report needs; inputs and outputs stay out.
            GetExecutionHistoryRequest request = GetExecutionHistoryRequest.builder()
                    .executionArn(executionArn).includeExecutionData(false).nextToken(nextToken).build();
            GetExecutionHistoryResponse page = send(request);
            events.addAll(page.events());
            nextToken = page.nextToken();
        } while (nextToken != null && !nextToken.isEmpty());
        return events;
    }

    private GetExecutionHistoryResponse send(GetExecutionHistoryRequest request) {
        try {
            return template.requestBody(ENDPOINT, request, GetExecutionHistoryResponse.class);
        } catch (CamelExecutionException e) {
            throw RouteReplies.routeError(e);
        }
    }
}
