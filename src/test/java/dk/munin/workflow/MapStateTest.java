package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Map state's fields one by one, Inline mode and the Distributed fields that run the same way
 * without S3 (tolerated failures); the answers follow the Step Functions pages each test cites.
 * ItemReader, ItemBatcher and ResultWriter: DistributedMapTest.
 */
class MapStateTest {

    private final Workflows workflows = new Workflows();

    /** An ItemProcessor that fails items with {"bad": true} and passes those with {"bad": false} through. */
    static final String FAILING_BAD_ITEMS = """
            "ItemProcessor": {%s"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [{"Variable": "$.bad", "BooleanEquals": true, "Next": "Refuse"}], "Default": "Keep"},
              "Refuse": {"Type": "Fail", "Error": "BadItem", "Cause": "refused"},
              "Keep": {"Type": "Pass", "End": true}}}""";

    static final String DISTRIBUTED = "\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}, ";

    @Test
    void itemSelectorSeesEachItemAndItsIndexAndResultsKeepItemOrder() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.photos",
                  "ItemSelector": {"photo.$": "$$.Map.Item.Value", "position.$": "$$.Map.Item.Index", "camera.$": "$.camera"},
                  "ItemProcessor": {"StartAt": "Tag", "States": {"Tag": {"Type": "Pass", "Parameters": {"tagged.$": "$"}, "End": true}}},
                  "ResultPath": "$.tagged", "End": true}}}""", "{\"camera\": \"C1\", \"photos\": [\"a.jpg\", \"b.jpg\", \"c.jpg\"]}");

        assertThat(result.output().get("tagged")).isEqualTo(json("""
                [{"tagged": {"photo": "a.jpg", "position": 0, "camera": "C1"}},
                 {"tagged": {"photo": "b.jpg", "position": 1, "camera": "C1"}},
                 {"tagged": {"photo": "c.jpg", "position": 2, "camera": "C1"}}]"""));
        assertThat(result.output().get("camera").asText()).isEqualTo("C1");
    }

    @Test
    void withoutItemsPathTheInputIsTheItemsAndEmptyGivesAnEmptyArray() {
        String definition = """
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""";

        assertThat(workflows.run(definition, "[1, 2]").output()).isEqualTo(json("[1, 2]"));
        assertThat(new Workflows().run(definition, "[]").output()).isEqualTo(json("[]"));
    }

    @Test
    void itemsThatAreNotAnArrayFailWithStatesRuntime() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.photos",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""",
                "{\"photos\": \"a.jpg\"}");

        assertThat(result.error()).isEqualTo(ErrorNames.RUNTIME);
        assertThat(result.cause()).contains("ItemsPath '$.photos'");
    }

    @Test
    void theLegacyIteratorAndParametersStillWork() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"n.$": "$$.Map.Item.Value"},
                  "Iterator": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}""", "[7, 8]");

        assertThat(result.output()).isEqualTo(json("[{\"n\": 7}, {\"n\": 8}]"));
    }

    @Test
    void maxConcurrencyBoundsTheIterationsRunningAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TaskBinding slow = request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(20);
            running.decrementAndGet();
            return request.parameters();
        };
        StateMachine machine = Workflows.machine("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 3,
                  "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                  "End": true}}}""");

        ExecutionResult result = workflows.runner(machine, slow).build().run("concurrency", json("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"));

        assertThat(result.output()).isEqualTo(json("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]"));
        assertThat(most.get()).isEqualTo(3);
    }

    @Test
    void anInlineMapFailsWithTheFailedItemsOwnError() {
        ExecutionResult result = workflows.run(mapOf("", FAILING_BAD_ITEMS.formatted("")), "[{\"bad\": false}, {\"bad\": true}, {\"bad\": false}]");

        assertThat(result.error()).isEqualTo("BadItem");
        assertThat(result.cause()).isEqualTo("refused");
        assertThat(Workflows.statesEntered(result)).containsExactly("M");
    }

    @Test
    void aCatchOnTheMapHandlesAFailedItem() {
        ExecutionResult result = workflows.run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", %s,
                  "Catch": [{"ErrorEquals": ["BadItem"], "ResultPath": "$.error", "Next": "Caught"}], "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(FAILING_BAD_ITEMS.formatted("")).replace("\"Type\": \"Map\", ",
                "\"Type\": \"Map\", \"ItemsPath\": \"$.items\", "), "{\"items\": [{\"bad\": true}]}");

        assertThat(result.output().get("error")).isEqualTo(json("{\"Error\": \"BadItem\", \"Cause\": \"refused\"}"));
        assertThat(result.history()).extracting(HistoryEntry::state, HistoryEntry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("M", "caught"), org.assertj.core.groups.Tuple.tuple("Caught", "succeeded"));
    }

    @Test
    void aRetryReRunsTheWholeMapAndTheHistoryHasOneEntryForItWithItsAttempts() {
        AtomicInteger calls = new AtomicInteger();
        TaskBinding flaky = request -> {
            if (calls.incrementAndGet() == 2) {
                throw new TaskFailure("Transient", "once");
            }
            return request.parameters();
        };
        StateMachine machine = Workflows.machine("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1,
                  "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                  "Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 1, "MaxAttempts": 1}], "End": true}}}""");

        ExecutionResult result = workflows.runner(machine, flaky).build().run("retry", json("[1, 2, 3]"));

        assertThat(result.output()).isEqualTo(json("[1, 2, 3]"));
        assertThat(calls.get()).isEqualTo(5);
        assertThat(result.history()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("Map");
            assertThat(entry.attempts()).isEqualTo(2);
        });
    }

    /** https://docs.aws.amazon.com/step-functions/latest/dg/maprun-fail-threshold.html: 0 tolerated by default. */
    @Test
    void aDistributedMapFailsWithExceedToleratedFailureThresholdByDefault() {
        ExecutionResult result = workflows.run(mapOf("", FAILING_BAD_ITEMS.formatted(DISTRIBUTED)), "[{\"bad\": false}, {\"bad\": true}]");

        assertThat(result.error()).isEqualTo(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    }

    /**
     * Below the threshold the Map succeeds; a failed child's place in the result array holds its
     * execution result unchanged (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html:
     * "If a child workflow execution fails, Step Functions returns its execution result unchanged").
     */
    @Test
    void belowTheToleratedFailureCountFailedItemsGiveTheirExecutionResult() {
        ExecutionResult result = workflows.run(mapOf("\"ToleratedFailureCount\": 1, \"Label\": \"Photos\", ",
                FAILING_BAD_ITEMS.formatted(DISTRIBUTED)), "[{\"n\": 1, \"bad\": false}, {\"bad\": true}]");

        assertThat(result.succeeded()).as(result.cause()).isTrue();
        assertThat(result.output().get(0)).isEqualTo(json("{\"n\": 1, \"bad\": false}"));
        JsonNode failed = result.output().get(1);
        assertThat(failed.get("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("Error").asText()).isEqualTo("BadItem");
        assertThat(failed.get("Cause").asText()).isEqualTo("refused");
        assertThat(failed.get("ExecutionArn").asText()).startsWith("arn:aws:states:eu-north-1:000000000000:execution:munin-test/Photos:");
        assertThat(failed.get("StateMachineArn").asText()).isEqualTo("arn:aws:states:eu-north-1:000000000000:stateMachine:munin-test/Photos");
    }

    @Test
    void overTheToleratedFailureCountTheMapFails() {
        ExecutionResult result = workflows.run(mapOf("\"ToleratedFailureCount\": 1, ", FAILING_BAD_ITEMS.formatted(DISTRIBUTED)),
                "[{\"bad\": true}, {\"bad\": false}, {\"bad\": true}]");

        assertThat(result.error()).isEqualTo(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD);
        assertThat(result.cause()).contains("2 of");
    }

    /** Failed items over all items, as a percentage; failing only when over it, not at it. */
    @Test
    void theToleratedFailurePercentageIsOfAllItems() {
        String definition = mapOf("\"ToleratedFailurePercentage\": 25, ", FAILING_BAD_ITEMS.formatted(DISTRIBUTED));

        assertThat(workflows.run(definition, "[{\"bad\": true}, {\"bad\": false}, {\"bad\": false}, {\"bad\": false}]").succeeded()).isTrue();
        assertThat(new Workflows().run(definition, "[{\"bad\": true}, {\"bad\": false}, {\"bad\": true}, {\"bad\": false}]").error())
                .isEqualTo(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD);
    }

    @Test
    void anInlineIterationSeesTheParentExecutionAndADistributedChildItsOwn() {
        String processor = "\"ItemProcessor\": {%s\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", "
                + "\"Parameters\": {\"id.$\": \"$$.Execution.Id\"}, \"End\": true}}}";
        String parent = workflows.runner(Workflows.machine(mapOf("", processor.formatted(""))), ScriptedTasks.of("{}")).build()
                .executionId("ids");

        ExecutionResult inline = workflows.runner(Workflows.machine(mapOf("", processor.formatted(""))), ScriptedTasks.of("{}"))
                .build().run("ids", json("[1]"));
        ExecutionResult distributed = new Workflows().run(mapOf("", processor.formatted(DISTRIBUTED)), "[1]");

        assertThat(inline.output().get(0).get("id").asText()).isEqualTo(parent);
        assertThat(distributed.output().get(0).get("id").asText()).contains(":execution:munin-test/M:");
    }

    @Test
    void cancellingTheRunInterruptsTheRunningIterationsAndAbortsIt() throws Exception {
        CountDownLatch allWaiting = new CountDownLatch(2);
        AtomicInteger interrupted = new AtomicInteger();
        TaskBinding blocking = request -> {
            allWaiting.countDown();
            try {
                new CountDownLatch(1).await();
                throw new AssertionError("never released");
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        };
        AslRunner runner = workflows.runner(Workflows.machine(mapOf("\"MaxConcurrency\": 2, ", """
                "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}""")),
                blocking).build();
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(runner.run("cancelled", json("[1, 2, 3, 4]"))));
        run.start();
        assertThat(allWaiting.await(10, TimeUnit.SECONDS)).isTrue();

        run.interrupt();
        run.join(10_000);

        assertThat(result.get().status()).isEqualTo(ExecutionStatus.ABORTED);
        assertThat(result.get().history()).singleElement().extracting(HistoryEntry::outcome).isEqualTo("aborted");
        // The pool's threads see their interrupt as the Map ends, each on its own time.
        for (int wait = 0; wait < 100 && interrupted.get() < 2; wait++) {
            Thread.sleep(50);
        }
        assertThat(interrupted.get()).isEqualTo(2);
    }

    /** The journal hears of the Map once it completed, never of its iterations: a resumed run reruns a Map whole. */
    @Test
    void aJournalRecordsTheMapAsOneStateAndNothingOfItsIterations() {
        List<String> completed = new CopyOnWriteArrayList<>();
        ExecutionJournal journal = new ExecutionJournal() {
            @Override
            public Optional<ResumePoint> resumePoint() {
                return Optional.empty();
            }

            @Override
            public void stateCompleted(ResumePoint point) {
                completed.add(point.completedState() + " -> " + point.nextState());
            }

            @Override
            public void executionEnded(ExecutionStatus status) {
            }
        };
        StateMachine machine = Workflows.machine("""
                {"StartAt": "M", "States": {"M": {"Type": "Map",
                  "ItemProcessor": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}},
                  "Next": "After"}, "After": {"Type": "Succeed"}}}""");

        workflows.runner(machine, ScriptedTasks.of("{}")).build().run("journalled", json("[1, 2, 3]"), journal);

        assertThat(completed).containsExactly("M -> After");
    }

    private static String mapOf(String fields, String processor) {
        return "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", " + fields + processor + ", \"End\": true}}}";
    }
}
