package dk.munin.workflow.stepfunctions;

import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.util.Objects;
import java.util.function.Function;

/** The error name a failure event carries, or null for an event that is no failure. */
final class ErrorOf {

    private ErrorOf() {
    }

    static String event(HistoryEvent event) {
        return switch (event.typeAsString()) {
            case "TaskFailed" -> error(event.taskFailedEventDetails(), d -> d.error());
            case "TaskTimedOut" -> error(event.taskTimedOutEventDetails(), d -> d.error());
            case "TaskStartFailed" -> error(event.taskStartFailedEventDetails(), d -> d.error());
            case "TaskSubmitFailed" -> error(event.taskSubmitFailedEventDetails(), d -> d.error());
            case "LambdaFunctionFailed" -> error(event.lambdaFunctionFailedEventDetails(), d -> d.error());
            case "LambdaFunctionTimedOut" -> error(event.lambdaFunctionTimedOutEventDetails(), d -> d.error());
            case "LambdaFunctionStartFailed" -> error(event.lambdaFunctionStartFailedEventDetails(), d -> d.error());
            case "LambdaFunctionScheduleFailed" -> error(event.lambdaFunctionScheduleFailedEventDetails(), d -> d.error());
            case "ActivityFailed" -> error(event.activityFailedEventDetails(), d -> d.error());
            case "ActivityTimedOut" -> error(event.activityTimedOutEventDetails(), d -> d.error());
            case "ExecutionFailed" -> error(event.executionFailedEventDetails(), d -> d.error());
            // the ASL's name for a timeout, for details that name no error
            case "ExecutionTimedOut" -> Objects.requireNonNullElse(error(event.executionTimedOutEventDetails(), d -> d.error()), "States.Timeout");
            case "ExecutionAborted" -> error(event.executionAbortedEventDetails(), d -> d.error());
            default -> null;
        };
    }

    /** Null-safe: a failure event's details are documented, but a missing one must not lose the whole history. */
    private static <D> String error(D details, Function<D, String> error) {
        return details == null ? null : error.apply(details);
    }
}
