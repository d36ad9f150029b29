package dk.munin.output.camtrapdp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A Frictionless Table Schema (one Camtrap DP table's fields, missing values and keys). */
final class TableSchema {

    private final List<TableField> fields;
    private final List<String> missingValues;
    private final List<String> primaryKey;
    private final List<ForeignKey> foreignKeys;

    TableSchema(JsonNode json) {
        List<TableField> list = new ArrayList<>();
        json.path("fields").forEach(f -> list.add(new TableField(f)));
        fields = List.copyOf(list);
        // Frictionless: a schema without missingValues treats only the empty string as missing
        missingValues = json.has("missingValues") ? names(json.get("missingValues")) : List.of("");
        primaryKey = names(json.get("primaryKey"));
        foreignKeys = ForeignKey.all(json.get("foreignKeys"));
    }

    List<TableField> fields() {
        return fields;
    }

    List<String> fieldNames() {
        return fields.stream().map(TableField::name).toList();
    }

    List<String> missingValues() {
        return missingValues;
    }

    List<String> primaryKey() {
        return primaryKey;
    }

    List<ForeignKey> foreignKeys() {
        return foreignKeys;
    }

    /** Table Schema lets a key be one field name or a list of them. */
    static List<String> names(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
