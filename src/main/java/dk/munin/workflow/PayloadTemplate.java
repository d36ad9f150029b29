package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A payload template (Parameters, ResultSelector): JSON whose keys ending in {@code .$} take
 * their value from a path into the data, a {@code $$} path into the context object, or an
 * intrinsic function call. Compiled once when the definition is loaded, at any depth, inside
 * objects and arrays alike.
 */
final class PayloadTemplate {

    private interface Node {
        JsonNode resolve(JsonNode data, JsonNode context) throws StateError;
    }

    private final Node root;

    private PayloadTemplate(Node root) {
        this.root = root;
    }

    /** Compiles a template; throws IllegalArgumentException naming the offending key. */
    static PayloadTemplate compile(JsonNode template) {
        return new PayloadTemplate(node(template));
    }

    JsonNode resolve(JsonNode data, JsonNode context) throws StateError {
        return root.resolve(data, context);
    }

    private static Node node(JsonNode template) {
        if (template.isObject()) {
            return object(template);
        }
        if (template.isArray()) {
            List<Node> items = new ArrayList<>();
            template.forEach(item -> items.add(node(item)));
            return (data, context) -> {
                ArrayNode array = Json.MAPPER.createArrayNode();
                for (Node item : items) {
                    array.add(item.resolve(data, context));
                }
                return array;
            };
        }
        JsonNode literal = template.deepCopy();
        return (data, context) -> literal;
    }

    private static Node object(JsonNode template) {
        Map<String, Node> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String name = key.endsWith(".$") ? key.substring(0, key.length() - 2) : key;
            if (fields.containsKey(name)) {
                throw new IllegalArgumentException("both '" + name + "' and '" + name + ".$' are given");
            }
            fields.put(name, key.endsWith(".$") ? dynamic(key, field.getValue()) : node(field.getValue()));
        }
        return (data, context) -> {
            ObjectNode object = Json.object();
            for (Map.Entry<String, Node> field : fields.entrySet()) {
                object.set(field.getKey(), field.getValue().resolve(data, context));
            }
            return object;
        };
    }

    private static Node dynamic(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string (a path or an intrinsic function)");
        }
        String expression = value.textValue();
        try {
            if (expression.startsWith("$")) {
                DataPath path = DataPath.parse(expression);
                return (data, context) -> path.read(data, context, key);
            }
            Intrinsic call = IntrinsicParser.parse(expression);
            return (data, context) -> call.evaluate(data, context, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': " + e.getMessage(), e);
        }
    }
}
