package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A survey-sized Map: 100,000 items in the input, batched 1,000 to a child and run 8 at a time.
 * Every item must be processed exactly once and the results keep the items' order; no more than
 * 8 batches are ever in hand at once, since batches are made only as threads become free.
 */
class LargeMapTest {

    private static final int ITEMS = 100_000;
    private static final int BATCH = 1_000;
    private static final int CONCURRENCY = 8;

    @Test
    void aHundredThousandItemsInBatchesOfAThousandEightAtATime() {
        AtomicIntegerArray seen = new AtomicIntegerArray(ITEMS);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TaskBinding countItems = request -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                JsonNode items = request.parameters().get("Items");
                items.forEach(item -> seen.incrementAndGet(item.asInt()));
                return Json.object().put("first", items.get(0).asInt()).put("count", items.size());
            } finally {
                running.decrementAndGet();
            }
        };
        StateMachine machine = Workflows.machine("""
                {"StartAt": "Survey", "States": {"Survey": {"Type": "Map", "ItemsPath": "$.photos", "MaxConcurrency": %d,
                  "ItemBatcher": {"MaxItemsPerBatch": %d},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "Count", "States": {"Count": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}},
                  "ResultPath": "$.batches", "OutputPath": "$.batches", "End": true}}}""".formatted(CONCURRENCY, BATCH));
        ObjectNode input = Json.object();
        ArrayNode photos = input.putArray("photos");
        for (int i = 0; i < ITEMS; i++) {
            photos.add(i);
        }

        ExecutionResult result = new Workflows().runner(machine, countItems).build().run("survey", input);

        assertThat(result.succeeded()).as("%s: %s", result.error(), result.cause()).isTrue();
        assertThat(result.output()).hasSize(ITEMS / BATCH);
        for (int batch = 0; batch < ITEMS / BATCH; batch++) {
            assertThat(result.output().get(batch).get("first").asInt()).isEqualTo(batch * BATCH);
            assertThat(result.output().get(batch).get("count").asInt()).isEqualTo(BATCH);
        }
        for (int item = 0; item < ITEMS; item++) {
            if (seen.get(item) != 1) {
                throw new AssertionError("item " + item + " was processed " + seen.get(item) + " times");
            }
        }
        assertThat(most.get()).isLessThanOrEqualTo(CONCURRENCY);
    }
}
