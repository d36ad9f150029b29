package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.clock.Sleeper;
import dk.munin.state.Json;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs executions of one state machine in-process, with the semantics of AWS Step Functions
 * for the states, paths, intrinsic functions, Retry and Catch the definition uses. Each Task is
 * run by the binding registered for its Resource. Safe to run several executions at once.
 */
public final class AslRunner {

    /** Step Functions runs an Inline Map's iterations up to 40 at a time; the same default bounds the local threads. */
    public static final int DEFAULT_MAP_THREAD_LIMIT = 40;

    private final StateMachine stateMachine;
    private final StateMachineArn stateMachineArn;
    private final TaskInvoker tasks;
    private final ExecutionListener listener;
    private final Sleeper sleeper;
    private final Clock clock;
    private final ExecutionHistoryRegistry history;
    private final PayloadLimit payloadLimit;
    private final ItemSource itemSource;
    private final ResultTarget resultTarget;
    private final int mapThreadLimit;

    private AslRunner(Builder builder) {
        this.stateMachine = builder.stateMachine;
        this.stateMachineArn = builder.stateMachineArn;
        this.tasks = new TaskInvoker(builder.bindings);
        this.listener = builder.listener;
        this.sleeper = builder.sleeper;
        this.clock = builder.clock;
        this.history = builder.history;
        this.payloadLimit = builder.payloadLimit;
        this.itemSource = builder.itemSource;
        this.resultTarget = builder.resultTarget;
        this.mapThreadLimit = builder.mapThreadLimit;
    }

    /**
     * @param stateMachine    the loaded definition
     * @param stateMachineArn the ARN the state machine has in Step Functions (or a local stand-in);
     *                        {@code $$.StateMachine.Id}, and the base of every execution id
     */
    public static Builder builder(StateMachine stateMachine, String stateMachineArn) {
        return new Builder(stateMachine, StateMachineArn.parse(stateMachineArn));
    }

    /** The execution id ({@code $$.Execution.Id}) an execution of this name gets. */
    public String executionId(String executionName) {
        return stateMachineArn.executionId(executionName);
    }

    /**
     * Runs an execution to its end on the calling thread.
     *
     * @param executionName unique per state machine, as in Step Functions
     * @param input         the execution input; null is {@code {}}
     * @throws ExecutionAlreadyExists when this name was used before with this runner's history
     */
    public ExecutionResult run(String executionName, JsonNode input) {
        return run(executionName, input, ExecutionJournal.NONE);
    }

    /**
     * Runs an execution to its end on the calling thread, recording its progress in {@code journal};
     * when the journal holds the point an interrupted run reached, continues from there instead:
     * that run's name, start time and input, and its history so far.
     *
     * @param executionName the name of a new execution; ignored when the journal has a point to resume from
     * @throws CannotResume when the point names a state the definition does not have (it was edited since)
     */
    public ExecutionResult run(String executionName, JsonNode input, ExecutionJournal journal) {
        ResumePoint resume = journal.resumePoint().orElse(null);
        if (resume != null) {
            if (stateMachine.typeOf(resume.nextState()).isEmpty()) {
                throw new CannotResume(resume.executionName(), "its next state " + resume.nextState() + " is not in the definition");
            }
            String id = executionId(resume.executionName());
            ExecutionHistory resumed = history.start(id);
            resume.history().forEach(resumed::add);
            return new Execution(this, id, resume.executionName(), resume.executionInput().deepCopy(), resumed, journal,
                    resume.startDate()).resume(resume.nextState(), resume.nextInput().deepCopy());
        }
        String id = executionId(executionName);
        JsonNode data = input == null ? Json.object() : input.deepCopy();
        return new Execution(this, id, executionName, data, history.start(id), journal, clock.instant()).run();
    }


    public ExecutionHistoryRegistry history() {
        return history;
    }

    public StateMachine stateMachine() {
        return stateMachine;
    }

    StateMachineArn stateMachineArn() {
        return stateMachineArn;
    }

    TaskInvoker tasks() {
        return tasks;
    }

    ExecutionListener listener() {
        return listener;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Clock clock() {
        return clock;
    }

    PayloadLimit payloadLimit() {
        return payloadLimit;
    }

    ItemSource itemSource() {
        return itemSource;
    }

    ResultTarget resultTarget() {
        return resultTarget;
    }

    int mapThreadLimit() {
        return mapThreadLimit;
    }

    /** Builds a runner; {@link #build()} checks that every Task's Resource has a binding. */
    public static final class Builder {

        private final StateMachine stateMachine;
        private final StateMachineArn stateMachineArn;
        private final Map<String, TaskBinding> bindings = new LinkedHashMap<>();
        private ExecutionListener listener = ExecutionListener.NONE;
        private Sleeper sleeper = Sleeper.REAL;
        private Clock clock = Clock.systemUTC();
        private ExecutionHistoryRegistry history = new ExecutionHistoryRegistry();
        private PayloadLimit payloadLimit = PayloadLimit.STEP_FUNCTIONS;
        private ItemSource itemSource;
        private ResultTarget resultTarget;
        private int mapThreadLimit = DEFAULT_MAP_THREAD_LIMIT;

        private Builder(StateMachine stateMachine, StateMachineArn stateMachineArn) {
            this.stateMachine = Objects.requireNonNull(stateMachine, "stateMachine");
            this.stateMachineArn = stateMachineArn;
        }

        /** Runs the Tasks whose Resource is exactly {@code resource}. */
        public Builder binding(String resource, TaskBinding binding) {
            bindings.put(resource, Objects.requireNonNull(binding, "binding"));
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** How retries and Wait states pause; {@link Sleeper#REAL} unless given. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The time of the context object's timestamps and the history; the system clock unless given. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where histories are kept; share one registry with whatever reads them (the run report). */
        public Builder history(ExecutionHistoryRegistry history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /** The largest task result or state output in bytes; Step Functions' 256 KiB unless given. */
        public Builder payloadLimitBytes(int maxBytes) {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("The payload limit must be positive: " + maxBytes);
            }
            this.payloadLimit = new PayloadLimit(maxBytes);
            return this;
        }

        /** Where Distributed Map states with an ItemReader of {@value S3Listing#RESOURCE} list their items. */
        public Builder itemSource(ItemSource itemSource) {
            this.itemSource = Objects.requireNonNull(itemSource, "itemSource");
            return this;
        }

        /** Where Distributed Map states with a ResultWriter of {@value MapState.S3Writer#RESOURCE} write their results. */
        public Builder resultTarget(ResultTarget resultTarget) {
            this.resultTarget = Objects.requireNonNull(resultTarget, "resultTarget");
            return this;
        }

        /**
         * The most threads one Map state runs its iterations on: its MaxConcurrency when lower, and
         * this many for MaxConcurrency 0 (no limit); {@value #DEFAULT_MAP_THREAD_LIMIT} unless given.
         */
        public Builder mapThreadLimit(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("The map thread limit must be positive: " + threads);
            }
            this.mapThreadLimit = threads;
            return this;
        }

        /**
         * @throws InvalidDefinition naming a Task whose Resource has no binding, or whose Parameters it
         *                           refuses, or a Map whose ItemReader or ResultWriter has no binding
         */
        public AslRunner build() {
            for (State state : stateMachine.allStates()) {
                if (state instanceof MapState map) {
                    checkMapBindings(map);
                }
                if (state instanceof TaskState task) {
                    TaskBinding binding = bindings.get(task.resource());
                    if (binding == null) {
                        throw InvalidDefinition.inField(task.name(), "Resource", "no binding for '" + task.resource()
                                + "' (bound: " + bindings.keySet() + ")");
                    }
                    binding.checkParameters(task.name(), task.parametersTemplate());
                }
            }
            return new AslRunner(this);
        }

        private void checkMapBindings(MapState map) {
            if (map.itemReader() != null && itemSource == null) {
                throw InvalidDefinition.inField(map.name(), "ItemReader.Resource", "no item source is bound for '"
                        + S3Listing.RESOURCE + "' (AslRunner.Builder.itemSource)");
            }
            if (map.resultWriter() != null && resultTarget == null) {
                throw InvalidDefinition.inField(map.name(), "ResultWriter.Resource", "no result target is bound for '"
                        + MapState.S3Writer.RESOURCE + "' (AslRunner.Builder.resultTarget)");
            }
        }
    }
}
