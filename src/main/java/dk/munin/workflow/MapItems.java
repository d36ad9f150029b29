package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A Map state's items as its iterations get them, one at a time: each raw item shaped by
 * ItemSelector, which sees the item as {@code $$.Map.Item.Value} and its position as
 * {@code $$.Map.Item.Index} (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemselector.html).
 */
final class MapItems implements Iterator<JsonNode> {

    /** Carries a StateError through Iterator, which cannot throw one; MapState unwraps it. */
    static final class Failure extends RuntimeException {
        private final StateError error;

        Failure(StateError error) {
            super(error.getMessage(), error, false, false);
            this.error = error;
        }

        StateError error() {
            return error;
        }
    }

    private final Iterator<JsonNode> raw;
    private final PayloadTemplate itemSelector;
    private final JsonNode effectiveInput;
    private final JsonNode context;
    private int index;

    MapItems(Iterator<JsonNode> raw, PayloadTemplate itemSelector, JsonNode effectiveInput, JsonNode context) {
        this.raw = raw;
        this.itemSelector = itemSelector;
        this.effectiveInput = effectiveInput;
        this.context = context;
    }

    @Override
    public boolean hasNext() {
        return raw.hasNext();
    }

    @Override
    public JsonNode next() {
        if (!raw.hasNext()) {
            throw new NoSuchElementException();
        }
        JsonNode item = raw.next();
        int position = index++;
        if (itemSelector == null) {
            return item;
        }
        ObjectNode itemContext = Json.object();
        itemContext.setAll((ObjectNode) context);
        ObjectNode current = itemContext.putObject("Map").putObject("Item");
        current.put("Index", position);
        current.set("Value", item);
        try {
            return itemSelector.resolve(effectiveInput, itemContext);
        } catch (StateError e) {
            throw new Failure(e);
        }
    }

    /** Each item alone, as the child input of an iteration without an ItemBatcher. */
    static Iterator<MapRun.ChildInput> single(Iterator<JsonNode> items) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public MapRun.ChildInput next() {
                return new MapRun.ChildInput(items.next(), 1);
            }
        };
    }
}
