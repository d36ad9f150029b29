package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A Distributed Map's ItemBatcher: groups the (ItemSelector-shaped) items so that one child
 * execution gets {@code {"BatchInput": ..., "Items": [...]}} (BatchInput only when given), with at
 * most MaxItemsPerBatch items and at most MaxInputBytesPerBatch bytes of JSON
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
 *
 * @param maxItems     null when not given
 * @param maxItemsPath MaxItemsPerBatchPath, read from the Map's effective input; null when not given
 * @param maxBytes   null when not given; the UTF-8 size of the child's whole input
 * @param batchInput the BatchInput template, resolved once against the Map's effective input; null when not given
 */
record ItemBatcher(Integer maxItems, DataPath maxItemsPath, Integer maxBytes, PayloadTemplate batchInput) {

    /** Step Functions' limit on a batch's size. */
    static final int MAX_BYTES = 256 * 1024;

    Iterator<MapRun.ChildInput> batches(Iterator<JsonNode> items, JsonNode effectiveInput, JsonNode context) throws StateError {
        JsonNode resolvedBatchInput = batchInput == null ? null : batchInput.resolve(effectiveInput, context);
        Integer maxItems = maxItemsPath == null ? this.maxItems : maxItems(effectiveInput, context);
        int overhead = resolvedBatchInput == null ? 0 : size(resolvedBatchInput) + "\"BatchInput\":,".length();
        int emptySize = overhead + "{\"Items\":[]}".length();
        return new Iterator<>() {
            private JsonNode pending;
            private int pendingSize;

            @Override
            public boolean hasNext() {
                return pending != null || items.hasNext();
            }

            @Override
            public MapRun.ChildInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ObjectNode batch = Json.object();
                if (resolvedBatchInput != null) {
                    batch.set("BatchInput", resolvedBatchInput);
                }
                ArrayNode list = batch.putArray("Items");
                int bytes = emptySize;
                while (maxItems == null || list.size() < maxItems) {
                    if (pending == null) {
                        if (!items.hasNext()) {
                            break;
                        }
                        pending = items.next();
                        pendingSize = maxBytes == null ? 0 : size(pending);
                    }
                    int added = pendingSize + (list.isEmpty() ? 0 : 1);
                    if (maxBytes != null && bytes + added > maxBytes) {
                        if (list.isEmpty()) {
                            throw new MapItems.Failure(StateError.runtime("An item of " + pendingSize
                                    + " bytes does not fit in a batch of MaxInputBytesPerBatch " + maxBytes));
                        }
                        break;
                    }
                    list.add(pending);
                    bytes += added;
                    pending = null;
                }
                return new MapRun.ChildInput(batch, list.size());
            }
        };
    }

    /** MaxItemsPerBatchPath's value: a positive integer, as for MaxItemsPerBatch. */
    private Integer maxItems(JsonNode effectiveInput, JsonNode context) throws StateError {
        JsonNode value = maxItemsPath.read(effectiveInput, context, "MaxItemsPerBatchPath");
        if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > Integer.MAX_VALUE) {
            throw StateError.runtime("The MaxItemsPerBatchPath '" + maxItemsPath + "' must select an integer of at least 1, not " + value);
        }
        return value.intValue();
    }

    private static int size(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8).length;
    }
}
