package dk.munin.trigger;

import dk.munin.workflow.StateMachineArn;
import dk.munin.workflow.camel.RouteReplies;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

import java.util.Map;

/**
 * Starts an execution of the deployed state machine through camel-aws2-step-functions'
 * startExecution, whose client camel.component.aws2-step-functions.* configures. Starting is
 * idempotent by name: for a STANDARD state machine, StartExecution with the name and input of a
 * running execution answers with that execution, and with a name it has used before otherwise
 * fails with ExecutionAlreadyExists, which here means "this manifest was started already".
 */
public class StepFunctionsStarter {

    static final String ENDPOINT = "aws2-step-functions://munin?operation=startExecution";
    private static final Logger LOG = LoggerFactory.getLogger(StepFunctionsStarter.class);

    private final ProducerTemplate template;
    private final String stateMachineArn;

    public StepFunctionsStarter(ProducerTemplate template, String stateMachineArn) {
        this.template = template;
        this.stateMachineArn = stateMachineArn;
    }

    /** @param input the execution's input, the manifest JSON */
    public TriggerReply start(String manifest, String executionName, String input) {
        if (stateMachineArn.isBlank()) {
            throw new IllegalStateException("Set munin.trigger.state-machine-arn (MUNIN_TRIGGER_STATE_MACHINE_ARN) to the "
                    + "state machine a manifest starts (the stack's output StateMachineArn)");
        }
        Map<String, Object> headers = Map.of(StepFunctions2Constants.STATE_MACHINE_ARN, stateMachineArn,
                StepFunctions2Constants.EXECUTION_NAME, executionName, StepFunctions2Constants.EXECUTION_INPUT, input);
        try {
            StartExecutionResponse started = template.requestBodyAndHeaders(ENDPOINT, null, headers, StartExecutionResponse.class);
            LOG.info("Manifest {}: started execution {}", manifest, started.executionArn());
            return TriggerReply.execution(TriggerStatus.STARTED, manifest, started.executionArn(), executionName);
        } catch (CamelExecutionException e) {
            if (RouteReplies.routeError(e) instanceof ExecutionAlreadyExistsException exists) {
                LOG.info("Manifest {} was started before, as execution {}; not starting it again ({})", manifest, executionName,
                        exists.awsErrorDetails().errorMessage());
                return TriggerReply.execution(TriggerStatus.ALREADY_STARTED, manifest,
                        StateMachineArn.parse(stateMachineArn).executionId(executionName), executionName);
            }
            throw e;
        }
    }
}
