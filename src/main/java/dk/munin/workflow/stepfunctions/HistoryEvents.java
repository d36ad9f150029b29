package dk.munin.workflow.stepfunctions;

import dk.munin.workflow.HistoryEntry;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Turns Step Functions' history events into the entries the embedded runner records, with the
 * same outcomes: succeeded, caught (the last attempt failed and a Catch took the error), failed
 * (the execution ended in the state), aborted, or running (entered, not yet left: WriteParquet,
 * while it writes the report). Attempts count the task's schedulings, so a Retry shows as more than 1.
 * An Inline Map's iterations are left out, as the embedded runner leaves them out: the Map state
 * is one entry however many items it ran (a Distributed Map's children have histories of their own).
 */
final class HistoryEvents {

    private static final String ENTERED = "StateEntered";
    private static final String EXITED = "StateExited";
    /** One per attempt of a Task: the first, and one more after each Retry. */
    private static final Set<String> ATTEMPT_STARTED = Set.of("TaskScheduled", "LambdaFunctionScheduled", "ActivityScheduled");
    /** The states still open then end with the execution, as in the embedded runner. */
    private static final Set<String> EXECUTION_ENDED_UNSUCCESSFULLY = Set.of("ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted");
    private static final Set<String> ATTEMPT_SUCCEEDED = Set.of("TaskSucceeded", "LambdaFunctionSucceeded", "ActivitySucceeded");
    private static final String ITERATION_STARTED = "MapIterationStarted";
    private static final Set<String> ITERATION_ENDED = Set.of("MapIterationSucceeded", "MapIterationFailed", "MapIterationAborted");

    private HistoryEvents() {
    }

    static List<HistoryEntry> entries(List<HistoryEvent> events) {
        List<Visit> visits = new ArrayList<>();
        // The innermost state still running gets the task events (a Map's iterations nest inside it).
        Deque<Visit> open = new ArrayDeque<>();
        int iterationsOpen = 0;
        for (HistoryEvent event : events) {
            String type = event.typeAsString();
            if (type.equals(ITERATION_STARTED)) {
                iterationsOpen++;
            } else if (ITERATION_ENDED.contains(type)) {
                iterationsOpen = Math.max(0, iterationsOpen - 1);
            } else if (iterationsOpen > 0 && !EXECUTION_ENDED_UNSUCCESSFULLY.contains(type)) {
                continue; // an event of an iteration's own states
            } else if (type.endsWith(ENTERED) && event.stateEnteredEventDetails() != null) {
                Visit visit = new Visit(event.stateEnteredEventDetails().name(), type.substring(0, type.length() - ENTERED.length()),
                        event.timestamp());
                visits.add(visit);
                open.push(visit);
            } else if (type.endsWith(EXITED) && event.stateExitedEventDetails() != null) {
                Visit visit = innermostNamed(open, event.stateExitedEventDetails().name());
                if (visit != null) {
                    open.remove(visit);
                    visit.end(event.timestamp(), visit.lastError == null ? "succeeded" : "caught", visit.lastError);
                }
            } else if (ATTEMPT_STARTED.contains(type) && !open.isEmpty()) {
                open.peek().attempts++;
            } else if (ATTEMPT_SUCCEEDED.contains(type) && !open.isEmpty()) {
                open.peek().lastError = null;
            } else if (EXECUTION_ENDED_UNSUCCESSFULLY.contains(type)) {
                String outcome = "ExecutionAborted".equals(type) ? "aborted" : "failed";
                String error = ErrorOf.event(event);
                for (Visit visit : open) {
                    visit.end(event.timestamp(), outcome, visit.lastError != null ? visit.lastError : error);
                }
                open.clear();
            } else if (!open.isEmpty()) {
                String error = ErrorOf.event(event);
                if (error != null) {
                    open.peek().lastError = error;
                }
            }
        }
        return visits.stream().map(Visit::entry).toList();
    }

    private static Visit innermostNamed(Deque<Visit> open, String name) {
        for (Visit visit : open) {
            if (visit.state.equals(name)) {
                return visit;
            }
        }
        return null;
    }

    private static final class Visit {
        private final String state;
        private final String type;
        private final Instant entered;
        private Instant exited;
        private String outcome = "running";
        private String error;
        private String lastError;
        private int attempts;

        Visit(String state, String type, Instant entered) {
            this.state = state;
            this.type = type;
            this.entered = entered;
        }

        void end(Instant at, String how, String errorName) {
            exited = at;
            outcome = how;
            error = "succeeded".equals(how) ? null : errorName;
        }

        /** As the embedded runner: an ended state was attempted at least once; a running one counts what has started. */
        HistoryEntry entry() {
            return new HistoryEntry(state, type, entered, exited, outcome, error, exited == null ? attempts : Math.max(1, attempts));
        }
    }
}
