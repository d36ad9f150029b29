package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * ResultPath (of a state or a Catcher): where the result goes in the state's raw input. {@code $}
 * (the default) replaces the input; JSON null discards the result and keeps the input; a path
 * like {@code $.a.b} writes into a copy of the input, creating the objects on the way.
 *
 * <p>Jayway JsonPath only reads, so the path is checked with Jayway (a definite path into the
 * data) and then split into its field names here; ASL does not allow anything else in a
 * ResultPath.
 */
final class ResultPath {

    static final ResultPath REPLACE = new ResultPath("$", List.of());
    static final ResultPath DISCARD = new ResultPath(null, null);

    private final String text;
    private final List<String> fields;

    private ResultPath(String text, List<String> fields) {
        this.text = text;
        this.fields = fields;
    }

    /** Parses a reference path; throws IllegalArgumentException saying why it is not one. */
    static ResultPath parse(String text) {
        DataPath path = DataPath.parse(text);
        if (path.readsContext() || !path.isDefinite()) {
            throw new IllegalArgumentException("'" + text + "' is not a reference path into the data "
                    + "(no $$, wildcards, filters or slices)");
        }
        List<String> fields = fieldNames(text);
        return fields.isEmpty() ? REPLACE : new ResultPath(text, fields);
    }

    JsonNode merge(JsonNode rawInput, JsonNode result) throws StateError {
        if (fields == null) {
            return rawInput;
        }
        if (fields.isEmpty()) {
            return result;
        }
        if (!rawInput.isObject()) {
            throw cannotApply(rawInput);
        }
        ObjectNode root = (ObjectNode) rawInput.deepCopy();
        ObjectNode parent = root;
        for (String field : fields.subList(0, fields.size() - 1)) {
            JsonNode child = parent.get(field);
            if (child == null) {
                parent = parent.putObject(field);
            } else if (child.isObject()) {
                parent = (ObjectNode) child;
            } else {
                throw cannotApply(rawInput);
            }
        }
        parent.set(fields.get(fields.size() - 1), result);
        return root;
    }

    private StateError cannotApply(JsonNode rawInput) {
        return new StateError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + text + " to input " + Json.write(rawInput));
    }

    /** Splits {@code $.a['b c'].d} into [a, b c, d]; an array index is refused. */
    private static List<String> fieldNames(String text) {
        List<String> fields = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                fields.add(text.substring(i + 1, end));
                i = end;
            } else if (text.startsWith("['", i) || text.startsWith("[\"", i)) {
                char quote = text.charAt(i + 1);
                int end = text.indexOf(quote + "]", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + text + "' has an unterminated [" + quote + "...");
                }
                fields.add(text.substring(i + 2, end));
                i = end + 2;
            } else {
                throw new IllegalArgumentException("'" + text + "' is not a reference path of field names "
                        + "(array positions cannot be written to)");
            }
        }
        return fields;
    }
}
