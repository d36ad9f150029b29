package dk.munin.workflow.camel;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import dk.munin.workflow.ErrorNames;
import dk.munin.workflow.TaskBinding;
import dk.munin.workflow.TaskFailure;
import dk.munin.workflow.TaskRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;

/**
 * A Task run by one configured Camel endpoint: the Task's resolved Parameters go to the route as
 * a JSON string, and the route's JSON reply is the task result, so the route must answer in the
 * shape the AWS integration it stands in for returns. A route that throws fails the task with
 * States.TaskFailed and the exception's message as the cause, which is how a {@code .sync}
 * integration reports a job that failed.
 *
 * <p>Used for {@code arn:aws:states:::batch:submitJob.sync}: the route runs the detector and
 * replies with the job description (JobId, JobName, Status, ...).
 */
public final class RouteBinding implements TaskBinding {

    /** The Resource of a Task that submits an AWS Batch job and waits for it. */
    public static final String BATCH_SUBMIT_JOB_SYNC = "arn:aws:states:::batch:submitJob.sync";

    private final ProducerTemplate template;
    private final String endpointUri;

    public RouteBinding(ProducerTemplate template, String endpointUri) {
        this.template = template;
        this.endpointUri = endpointUri;
    }

    @Override
    public JsonNode invoke(TaskRequest request) throws TaskFailure {
        Exchange exchange = template.send(endpointUri, ExchangePattern.InOut,
                e -> e.getMessage().setBody(Json.write(request.parameters())));
        if (exchange.getException() != null) {
            Throwable error = RouteReplies.unwrap(exchange.getException());
            throw new TaskFailure(ErrorNames.TASK_FAILED, String.valueOf(error.getMessage()), error);
        }
        return RouteReplies.json(exchange, endpointUri);
    }
}
