package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.clock.Sleeper;
import dk.munin.state.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One run of the state machine: follows StartAt and the transitions the states return, records
 * each state in the live history and tells the listener.
 */
final class Execution {

    private final AslRunner runner;
    private final StateMachine machine;
    private final ExecutionListener listener;
    private final String id;
    private final String name;
    private final JsonNode input;
    private final ExecutionHistory history;
    private final ExecutionJournal journal;
    private final Instant startDate;
    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;

    Execution(AslRunner runner, String id, String name, JsonNode input, ExecutionHistory history, ExecutionJournal journal,
              Instant startDate) {
        this(runner, runner.stateMachine(), runner.listener(), id, name, input, history, journal, startDate);
    }

    /**
     * An execution of {@code machine}, which is the runner's definition or a Map state's
     * ItemProcessor; a Map iteration is an execution of its own that records into a history and
     * listener of its own (see MapState).
     */
    Execution(AslRunner runner, StateMachine machine, ExecutionListener listener, String id, String name, JsonNode input,
              ExecutionHistory history, ExecutionJournal journal, Instant startDate) {
        this.runner = runner;
        this.machine = machine;
        this.listener = listener;
        this.id = id;
        this.name = name;
        this.input = input;
        this.history = history;
        this.journal = journal;
        this.startDate = startDate;
        this.executionContext = Json.object()
                .put("Id", id)
                .put("Name", name)
                .put("StartTime", Timestamps.format(startDate));
        executionContext.set("Input", input);
        this.stateMachineContext = Json.object()
                .put("Id", runner.stateMachineArn().arn())
                .put("Name", runner.stateMachineArn().name());
    }

    ExecutionResult run() {
        return resume(machine.startAt(), input);
    }

    /** Runs from {@code stateName} with {@code data} as its input: StartAt and the execution input for a new execution. */
    ExecutionResult resume(String stateName, JsonNode data) {
        State state = machine.state(stateName);
        while (true) {
            StateVisit visit = new StateVisit(this, state.name(), clock().instant());
            int entry = history.add(new HistoryEntry(state.name(), state.type(), visit.entered(), null, "running", null, 0));
            listener().stateEntered(id, state.name(), state.type());
            try {
                Transition transition = state.run(data, visit);
                abortIfCancelled();
                runner.payloadLimit().check(transition.output(), "The output of state " + state.name());
                exit(entry, state, visit, transition.caughtError() == null ? "succeeded" : "caught", transition.caughtError());
                if (transition.ends()) {
                    // A copy: the output may share nodes with the definition's literals, which the caller must not edit.
                    return result(ExecutionStatus.SUCCEEDED, transition.output().deepCopy(), null, null);
                }
                data = transition.output();
                journal.stateCompleted(new ResumePoint(name, startDate, input, state.name(), transition.next(), data, history.snapshot()));
                state = machine.state(transition.next());
            } catch (StateError e) {
                if (Thread.currentThread().isInterrupted()) {
                    exit(entry, state, visit, "aborted", e.error());
                    return result(ExecutionStatus.ABORTED, null, null, "Cancelled in state " + state.name() + ": " + e.cause());
                }
                exit(entry, state, visit, "failed", e.error());
                return result(ExecutionStatus.FAILED, null, e.error(), e.cause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit(entry, state, visit, "aborted", null);
                return result(ExecutionStatus.ABORTED, null, null, "Interrupted in state " + state.name());
            } catch (RuntimeException e) {
                exit(entry, state, visit, "failed", e.getClass().getName());
                throw e;
            }
        }
    }

    /**
     * A task that was interrupted (the run was cancelled, e.g. Ctrl-C in `munin run`) may still
     * return or fail normally after stopping its work; the execution then ends as aborted, as
     * StopExecution ends it on Step Functions, instead of going on to the next state or a Catch.
     */
    private static void abortIfCancelled() throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("cancelled");
        }
    }

    private void exit(int entry, State state, StateVisit visit, String outcome, String error) {
        Instant exited = clock().instant();
        HistoryEntry ended = new HistoryEntry(state.name(), state.type(), visit.entered(), exited, outcome, error, visit.attempts());
        history.replace(entry, ended);
        listener().stateExited(id, ended, Duration.between(visit.entered(), exited));
    }

    private ExecutionResult result(ExecutionStatus status, JsonNode output, String error, String cause) {
        journal.executionEnded(status);
        return new ExecutionResult(id, name, status, output, error, cause, startDate, clock().instant(), history.snapshot());
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    ObjectNode executionContext() {
        return executionContext;
    }

    ObjectNode stateMachineContext() {
        return stateMachineContext;
    }

    Clock clock() {
        return runner.clock();
    }

    Sleeper sleeper() {
        return runner.sleeper();
    }

    ExecutionListener listener() {
        return listener;
    }

    AslRunner runner() {
        return runner;
    }

    Instant startDate() {
        return startDate;
    }

    JsonNode input() {
        return input;
    }

    TaskInvoker tasks() {
        return runner.tasks();
    }

    PayloadLimit payloadLimit() {
        return runner.payloadLimit();
    }
}
