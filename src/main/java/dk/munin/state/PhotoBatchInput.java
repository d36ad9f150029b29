package dk.munin.state;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Distributed Map's ItemBatcher hands one Stage0Exif invocation:
 * {@code {"BatchInput": {"state": <the workflow state>}, "Items": [<PhotoBatchItem>, ...]}}.
 */
public record PhotoBatchInput(RunState state, List<PhotoBatchItem> items) {

    public static final String ITEMS = "Items";
    public static final String BATCH_INPUT = "BatchInput";
    public static final String STATE = "state";

    /** @throws InvalidState naming what the batch lacks */
    public static PhotoBatchInput read(Stage reader, JsonNode input) {
        JsonNode items = input.get(ITEMS);
        if (items == null || !items.isArray()) {
            throw InvalidState.unreadable(reader, "a batch's " + ITEMS + " must be an array of {key, size, index}, got " + items, null);
        }
        JsonNode state = input.path(BATCH_INPUT).get(STATE);
        if (state == null) {
            throw InvalidState.unreadable(reader, "a batch needs " + BATCH_INPUT + "." + STATE
                    + ", the workflow state ReadPhotoBatches' ItemBatcher passes", null);
        }
        List<PhotoBatchItem> batch = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            try {
                batch.add(Json.convert(item, PhotoBatchItem.class));
            } catch (IllegalArgumentException e) {
                throw InvalidState.unreadable(reader, "a batch's item must be {key, size, index}, got " + item, e);
            }
        }
        return new PhotoBatchInput(RunState.read(reader, state), List.copyOf(batch));
    }
}
