package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads the fields of one JSON object of a state (the state itself, a Retrier, a Catcher, a
 * choice rule), turning every problem into an InvalidDefinition that names the state and the
 * field, and remembering which fields were read so that any other field can be refused rather
 * than silently ignored.
 */
final class FieldReader {

    /** ASL fields the embedded runner knows but does not implement. */
    private static final Set<String> UNSUPPORTED = Set.of(
            "Assign", "Arguments", "Output", "Credentials", "HeartbeatSeconds", "HeartbeatSecondsPath");

    private final String state;
    private final String prefix;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();

    FieldReader(String state, String prefix, JsonNode node) {
        this.state = state;
        this.prefix = prefix;
        this.node = node;
        if (!node.isObject()) {
            throw objectError("must be a JSON object");
        }
    }

    String state() {
        return state;
    }

    /** The field's name as messages show it, e.g. "Retry[0].IntervalSeconds". */
    String qualified(String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    FieldReader nested(String field, JsonNode value) {
        return new FieldReader(state, qualified(field), value);
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** The raw value, or null when absent; marks the field as read. */
    JsonNode raw(String field) {
        read.add(field);
        return node.get(field);
    }

    String optionalString(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a string");
        }
        return value.textValue();
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) {
            throw error(field, "is required");
        }
        return value;
    }

    Long optionalInteger(String field, long min, long max) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw error(field, "must be an integer from " + min + " to " + max + ", not " + value);
        }
        return value.asLong();
    }

    DataPath optionalPath(String field) {
        String text = optionalString(field);
        return text == null ? null : path(field, text);
    }

    DataPath path(String field, String text) {
        try {
            return DataPath.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** InputPath / OutputPath: absent is the whole data, null is none of it. */
    Selector selector(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Selector.WHOLE;
        }
        if (value.isNull()) {
            return Selector.NOTHING;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a JSONPath string or null");
        }
        return Selector.of(path(field, value.textValue()));
    }

    /** ResultPath: absent is $ (replace the input), null keeps the input. */
    ResultPath resultPath(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return ResultPath.REPLACE;
        }
        if (value.isNull()) {
            return ResultPath.DISCARD;
        }
        if (!value.isTextual()) {
            throw error(field, "must be a reference path string or null");
        }
        try {
            return ResultPath.parse(value.textValue());
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** Parameters / ResultSelector, or null when absent. */
    PayloadTemplate template(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw error(field, "must be a JSON object");
        }
        try {
            return PayloadTemplate.compile(value);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    /** Where the state goes next: exactly one of Next or "End": true; null means End. */
    String nextOrEnd() {
        String next = optionalString("Next");
        JsonNode end = raw("End");
        if (end != null && !(end.isBoolean() && end.booleanValue())) {
            throw error("End", "must be true when given");
        }
        if (next == null && end == null) {
            throw InvalidDefinition.inState(state, "needs either 'Next' or \"End\": true");
        }
        if (next != null && end != null) {
            throw InvalidDefinition.inState(state, "has both 'Next' and 'End'; give one");
        }
        return next;
    }

    void exclusive(String first, String second) {
        if (has(first) && has(second)) {
            throw InvalidDefinition.inState(state, "has both '" + qualified(first) + "' and '" + qualified(second) + "'; give one");
        }
    }

    /** Refuses every field that was not read: a field the runner does not implement, or none of this object's. */
    void rejectUnread(String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (read.contains(field)) {
                continue;
            }
            if (UNSUPPORTED.contains(field)) {
                throw error(field, "is not supported by the embedded runner");
            }
            throw error(field, "is not a field of " + what);
        }
    }

    /** A problem with this object as a whole (e.g. a choice rule with two operators). */
    InvalidDefinition objectError(String message) {
        return prefix.isEmpty() ? InvalidDefinition.inState(state, message) : InvalidDefinition.inField(state, prefix, message);
    }

    InvalidDefinition error(String field, String message) {
        return InvalidDefinition.inField(state, qualified(field), message);
    }
}
