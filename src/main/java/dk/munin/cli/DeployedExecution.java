package dk.munin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.clock.Sleeper;
import dk.munin.state.Json;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.ExecutionStatus;
import dk.munin.workflow.camel.RouteReplies;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.aws2.stepfunctions.StepFunctions2Constants;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A run of the deployed state machine, watched from this machine with camel-aws2-step-functions
 * {@code describeExecution} until it ends. Before the trigger has started it, the execution does
 * not exist yet: that is waited for (up to a limit), and a refusal the trigger wrote beside the
 * manifest ends the wait at once.
 */
final class DeployedExecution {

    private static final String DESCRIBE = "aws2-step-functions://munin?operation=describeExecution";
    /** Step Functions' statuses of an execution that has not ended (PENDING_REDRIVE: a redrive was asked for). */
    private static final Set<String> STILL_GOING = Set.of("RUNNING", "PENDING_REDRIVE");

    private final ProducerTemplate template;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration pollInterval;
    private final Duration startWait;
    private final PrintStream out;

    DeployedExecution(ProducerTemplate template, Sleeper sleeper, Clock clock, Duration pollInterval, Duration startWait, PrintStream out) {
        this.template = template;
        this.sleeper = sleeper;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.startWait = startWait;
        this.out = out;
    }

    /** The execution's end, or why it never started: the trigger's refusal, or nothing within the start wait. */
    sealed interface Outcome {
        record Ended(ExecutionResult result) implements Outcome {
        }

        record Refused(String refusal) implements Outcome {
        }

        record NeverStarted(Duration waited) implements Outcome {
        }
    }

    /**
     * @param refusal what the trigger wrote about the manifest (its .error.json), when there is such a file
     */
    Outcome follow(String executionArn, Supplier<Optional<String>> refusal) throws InterruptedException {
        Instant waitingSince = clock.instant();
        String lastStatus = null;
        while (true) {
            Optional<DescribeExecutionResponse> described = describe(executionArn);
            if (described.isEmpty()) {
                Optional<String> refused = refusal.get();
                if (refused.isPresent()) {
                    return new Outcome.Refused(refused.get());
                }
                Duration waited = Duration.between(waitingSince, clock.instant());
                if (waited.compareTo(startWait) >= 0) {
                    return new Outcome.NeverStarted(waited);
                }
            } else {
                DescribeExecutionResponse execution = described.get();
                if (!STILL_GOING.contains(execution.statusAsString())) {
                    return new Outcome.Ended(result(execution));
                }
                String status = execution.statusAsString();
                if (!status.equals(lastStatus)) {
                    out.printf(Locale.ROOT, "  %s: %s since %s%n", execution.name(), status, execution.startDate());
                    lastStatus = status;
                }
            }
            sleeper.sleep(pollInterval);
        }
    }

    private Optional<DescribeExecutionResponse> describe(String executionArn) {
        try {
            return Optional.of(template.requestBodyAndHeader(DESCRIBE, null, StepFunctions2Constants.EXECUTION_ARN, executionArn,
                    DescribeExecutionResponse.class));
        } catch (CamelExecutionException e) {
            if (RouteReplies.routeError(e) instanceof ExecutionDoesNotExistException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Step Functions' description in the shape the embedded runner reports, so both print the same way. */
    private static ExecutionResult result(DescribeExecutionResponse execution) {
        ExecutionStatus status = switch (execution.statusAsString()) {
            case "SUCCEEDED" -> ExecutionStatus.SUCCEEDED;
            case "ABORTED" -> ExecutionStatus.ABORTED;
            default -> ExecutionStatus.FAILED;
        };
        JsonNode output = execution.output() == null ? Json.object() : Json.parse(execution.output());
        String error = execution.error();
        if (error == null && "TIMED_OUT".equals(execution.statusAsString())) {
            error = "States.Timeout";
        }
        return new ExecutionResult(execution.executionArn(), execution.name(), status, output, error, execution.cause(),
                execution.startDate(), execution.stopDate(), List.of());
    }
}
