package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A Table Schema foreign key: these fields of this table must name a row of another resource
 * (an empty {@code resource} means this same table).
 */
record ForeignKey(List<String> fields, String resource, List<String> referencedFields) {

    static ForeignKey of(JsonNode json) {
        JsonNode reference = json.path("reference");
        return new ForeignKey(TableSchema.names(json.get("fields")), reference.path("resource").asText(""),
                TableSchema.names(reference.get("fields")));
    }

    static List<ForeignKey> all(JsonNode array) {
        List<ForeignKey> keys = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(k -> keys.add(of(k)));
        }
        return List.copyOf(keys);
    }
}
