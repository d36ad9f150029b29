package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

/**
 * InputPath or OutputPath: selects the part of the data that goes on. Absent means the whole
 * data ({@code $}); JSON null means none of it, so the next step sees {@code {}}.
 */
final class Selector {

    static final Selector WHOLE = new Selector(DataPath.ROOT);
    static final Selector NOTHING = new Selector(null);

    private final DataPath path;

    private Selector(DataPath path) {
        this.path = path;
    }

    static Selector of(DataPath path) {
        return new Selector(path);
    }

    JsonNode apply(JsonNode data, JsonNode context, String field) throws StateError {
        return path == null ? Json.object() : path.read(data, context, field);
    }
}
