package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Map: runs its ItemProcessor, an inner state machine, once per item (or per batch of items), on
 * a pool of threads bounded by MaxConcurrency, and gives the results in item order. Inline mode
 * takes the items from its input (ItemsPath) and fails with the first failed item's own error;
 * Distributed mode may also read them from an S3 listing (ItemReader), batch them (ItemBatcher),
 * tolerate failures (ToleratedFailureCount / ToleratedFailurePercentage, beyond which it fails
 * with States.ExceedToleratedFailureThreshold) and write the results to S3 (ResultWriter).
 * Field by field: https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html and the
 * pages each record below cites.
 *
 * <p>The execution's history gets one entry for the Map state, with its attempts, not one per
 * iteration: a Map of 100,000 items would otherwise bury the run report's states under them.
 * The iterations' own states are recorded in histories of their own, which are dropped when
 * the iteration ends. A journal records the Map only once it completed, so a resumed run
 * reruns an interrupted Map from its start, every item again (docs/resume.md).
 */
record MapState(String name, Selector inputPath, DataPath itemsPath, PayloadTemplate itemSelector, Processor processor,
                Long maxConcurrency, DataPath maxConcurrencyPath, S3Listing itemReader, ItemBatcher itemBatcher,
                S3Writer resultWriter, MapTolerance tolerance, String label, PayloadTemplate resultSelector,
                ResultPath resultPath, Selector outputPath, ErrorHandling errorHandling, String next) implements State {

    /** The ItemProcessor: the inner state machine and ProcessorConfig's Mode (INLINE or DISTRIBUTED) and ExecutionType. */
    record Processor(StateMachine machine, boolean distributed, String executionType) {
    }

    /** ResultWriter with Resource {@code arn:aws:states:::s3:putObject}: its Parameters (Bucket, Prefix). */
    record S3Writer(PayloadTemplate parameters) {
        static final String RESOURCE = "arn:aws:states:::s3:putObject";
    }

    @Override
    public String type() {
        return "Map";
    }

    @Override
    public Map<String, String> transitions() {
        Map<String, String> transitions = new LinkedHashMap<>();
        if (next != null) {
            transitions.put("Next", next);
        }
        for (int i = 0; i < errorHandling.catchers().size(); i++) {
            transitions.put("Catch[" + i + "].Next", errorHandling.catchers().get(i).next());
        }
        return transitions;
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError, InterruptedException {
        return errorHandling.run(input, next, visit, () -> attempt(input, visit));
    }

    private JsonNode attempt(JsonNode input, StateVisit visit) throws StateError, InterruptedException {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        Execution parent = visit.execution();
        AslRunner runner = parent.runner();
        MapRunId run = processor.distributed() ? MapRunId.start(runner.stateMachineArn(), label == null ? name : label) : null;
        MapRun iterations = new MapRun(name, processor.distributed(), tolerance.resolve(effective, context), resultWriter != null);
        List<MapRun.Outcome> outcomes;
        try (Stream<JsonNode> listed = itemReader == null ? null : itemReader.items(effective, context, runner.itemSource())) {
            Iterator<JsonNode> raw = listed == null ? arrayItems(effective, context).iterator() : S3Listing.reading(listed);
            Iterator<JsonNode> items = new MapItems(raw, itemSelector, effective, context);
            Iterator<MapRun.ChildInput> inputs = itemBatcher == null ? MapItems.single(items)
                    : itemBatcher.batches(items, effective, context);
            outcomes = iterations.run(inputs, threads(effective, context, runner), (childInput, index) ->
                    run == null ? iteration(parent, childInput) : childExecution(parent, run, childInput, index));
        } catch (MapItems.Failure e) {
            throw e.error();
        }
        JsonNode result = resultWriter == null ? MapResults.array(outcomes, run == null ? null : run.childStateMachineArn())
                : writeResults(effective, context, runner.resultTarget(), run, outcomes);
        if (resultSelector != null) {
            result = resultSelector.resolve(result, context);
        }
        return outputPath.apply(resultPath.merge(input, result), context, "OutputPath");
    }

    private Iterable<JsonNode> arrayItems(JsonNode effective, JsonNode context) throws StateError {
        JsonNode items = itemsPath == null ? effective : itemsPath.read(effective, context, "ItemsPath");
        if (!items.isArray()) {
            throw StateError.runtime("The Map state " + name + " needs an array of items at its ItemsPath '"
                    + (itemsPath == null ? "$" : itemsPath) + "', not " + items.getNodeType());
        }
        return items;
    }

    /** MaxConcurrency, 0 meaning no limit; the threads are capped by the runner's map thread limit either way. */
    private int threads(JsonNode effective, JsonNode context, AslRunner runner) throws StateError {
        long wanted = maxConcurrency == null ? 0 : maxConcurrency;
        if (maxConcurrencyPath != null) {
            JsonNode value = maxConcurrencyPath.read(effective, context, "MaxConcurrencyPath");
            if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
                throw StateError.runtime("The MaxConcurrencyPath '" + maxConcurrencyPath + "' must select an integer of at least 0, not " + value);
            }
            wanted = value.asLong();
        }
        int limit = runner.mapThreadLimit();
        return wanted == 0 ? limit : (int) Math.min(wanted, limit);
    }

    /** An Inline Map iteration: part of the parent execution, whose $$.Execution it sees. */
    private ExecutionResult iteration(Execution parent, JsonNode childInput) {
        return new Execution(parent.runner(), processor.machine(), ExecutionListener.NONE, parent.id(), parent.name(),
                parent.input(), new ExecutionHistory(), ExecutionJournal.NONE, parent.startDate())
                .resume(processor.machine().startAt(), childInput);
    }

    /** A Distributed Map's child workflow execution: an execution of its own, with its own id and input. */
    private ExecutionResult childExecution(Execution parent, MapRunId run, JsonNode childInput, int index) {
        return new Execution(parent.runner(), processor.machine(), ExecutionListener.NONE, run.childArn(index),
                run.childName(index), childInput, new ExecutionHistory(), ExecutionJournal.NONE, parent.clock().instant()).run();
    }

    private JsonNode writeResults(JsonNode effective, JsonNode context, ResultTarget target, MapRunId run,
                                  List<MapRun.Outcome> outcomes) throws StateError {
        JsonNode parameters = resultWriter.parameters().resolve(effective, context);
        JsonNode bucket = parameters.get("Bucket");
        JsonNode prefix = parameters.path("Prefix");
        if (bucket == null || !bucket.isTextual() || !(prefix.isMissingNode() || prefix.isTextual())) {
            throw StateError.runtime("The ResultWriter's Parameters need 'Bucket' (and 'Prefix', if given) as strings, not "
                    + Json.write(parameters));
        }
        return MapResults.write(target, bucket.textValue(), prefix.isMissingNode() ? "" : prefix.textValue(), run, outcomes);
    }
}
