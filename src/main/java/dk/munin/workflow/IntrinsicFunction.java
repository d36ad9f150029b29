package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.munin.state.Json;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The intrinsic functions the embedded runner implements, with Step Functions' argument rules.
 * A call that breaks them at run time fails the state with States.Runtime.
 */
enum IntrinsicFunction {

    FORMAT("States.Format", 1, Integer.MAX_VALUE) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            String template;
            boolean escaped;
            if (call.arguments().get(0) instanceof IntrinsicArgument.StringLiteral literal) {
                template = literal.raw();
                escaped = true;
            } else {
                template = text(values, 0);
                escaped = false;
            }
            List<JsonNode> arguments = values.subList(1, values.size());
            StringBuilder out = new StringBuilder();
            int used = 0;
            for (int i = 0; i < template.length(); i++) {
                char c = template.charAt(i);
                if (escaped && c == '\\') {
                    out.append(template.charAt(++i));
                } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                    if (used == arguments.size()) {
                        throw failure("has more {} placeholders than arguments (" + arguments.size() + ")");
                    }
                    out.append(formatted(arguments.get(used++)));
                    i++;
                } else {
                    out.append(c);
                }
            }
            if (used != arguments.size()) {
                throw failure("has " + used + " {} placeholder(s) but " + arguments.size() + " argument(s) to put in them");
            }
            return TextNode.valueOf(out.toString());
        }

        private String formatted(JsonNode value) throws StateError {
            if (value.isTextual()) {
                return value.textValue();
            }
            if (value.isValueNode()) {
                return value.asText();
            }
            throw failure("can only put strings, numbers, booleans and null into the template, not " + Json.write(value));
        }
    },

    STRING_TO_JSON("States.StringToJson", 1, 1) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            String text = text(values, 0);
            try {
                return JsonText.parse(text);
            } catch (IllegalArgumentException e) {
                throw failure("cannot parse '" + text + "' as JSON: " + e.getMessage());
            }
        }
    },

    JSON_TO_STRING("States.JsonToString", 1, 1) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) {
            return TextNode.valueOf(Json.write(values.get(0)));
        }
    },

    ARRAY("States.Array", 0, Integer.MAX_VALUE) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            values.forEach(array::add);
            return array;
        }
    },

    ARRAY_LENGTH("States.ArrayLength", 1, 1) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            return integerNode(array(values, 0).size());
        }
    },

    ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            ArrayNode array = array(values, 0);
            long index = integer(values, 1);
            if (index < 0 || index >= array.size()) {
                throw failure("index " + index + " is outside the array of " + array.size() + " item(s)");
            }
            return array.get((int) index);
        }
    },

    ARRAY_CONTAINS("States.ArrayContains", 2, 2) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            ArrayNode array = array(values, 0);
            for (JsonNode item : array) {
                if (item.equals(values.get(1))) {
                    return BooleanNode.TRUE;
                }
            }
            return BooleanNode.FALSE;
        }
    },

    JSON_MERGE("States.JsonMerge", 3, 3) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            ObjectNode first = object(values, 0);
            ObjectNode second = object(values, 1);
            if (!values.get(2).isBoolean()) {
                throw failure("argument 3 must be a boolean (the deep-merge flag)");
            }
            if (values.get(2).booleanValue()) {
                throw failure("only shallow merging is supported; set the third argument to false");
            }
            ObjectNode merged = first.deepCopy();
            merged.setAll(second);
            return merged;
        }
    },

    MATH_ADD("States.MathAdd", 2, 2) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            return integerNode(integer(values, 0) + integer(values, 1));
        }
    },

    UUID_V4("States.UUID", 0, 0) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) {
            return TextNode.valueOf(UUID.randomUUID().toString());
        }
    },

    BASE64_ENCODE("States.Base64Encode", 1, 1) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(text(values, 0).getBytes(StandardCharsets.UTF_8)));
        }
    },

    BASE64_DECODE("States.Base64Decode", 1, 1) {
        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            try {
                return TextNode.valueOf(new String(Base64.getDecoder().decode(text(values, 0)), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw failure("argument 1 is not Base64: " + e.getMessage());
            }
        }
    },

    HASH("States.Hash", 2, 2) {
        private static final List<String> ALGORITHMS = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

        @Override
        JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError {
            String data = text(values, 0);
            String algorithm = text(values, 1);
            if (!ALGORITHMS.contains(algorithm)) {
                throw failure("the algorithm must be one of " + ALGORITHMS + ", not '" + algorithm + "'");
            }
            try {
                byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                return TextNode.valueOf(HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("The JVM lacks " + algorithm + ", which every Java platform must provide", e);
            }
        }
    };

    private final String functionName;
    private final int minArguments;
    private final int maxArguments;

    IntrinsicFunction(String functionName, int minArguments, int maxArguments) {
        this.functionName = functionName;
        this.minArguments = minArguments;
        this.maxArguments = maxArguments;
    }

    abstract JsonNode apply(Intrinsic call, List<JsonNode> values) throws StateError;

    static Optional<IntrinsicFunction> named(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(f -> f.functionName).collect(Collectors.joining(", "));
    }

    void checkArity(int count) {
        if (count < minArguments || count > maxArguments) {
            String expected = minArguments == maxArguments ? String.valueOf(minArguments)
                    : maxArguments == Integer.MAX_VALUE ? "at least " + minArguments
                    : minArguments + " to " + maxArguments;
            throw new IllegalArgumentException(functionName + " takes " + expected + " argument(s), not " + count);
        }
    }

    /** An integer as Jackson reads it from JSON text, so results compare equal to parsed JSON. */
    static JsonNode integerNode(long value) {
        return value == (int) value ? IntNode.valueOf((int) value) : LongNode.valueOf(value);
    }

    StateError failure(String problem) {
        return StateError.runtime(functionName + " " + problem);
    }

    String text(List<JsonNode> values, int index) throws StateError {
        JsonNode value = values.get(index);
        if (!value.isTextual()) {
            throw failure("argument " + (index + 1) + " must be a string, not " + Json.write(value));
        }
        return value.textValue();
    }

    ArrayNode array(List<JsonNode> values, int index) throws StateError {
        JsonNode value = values.get(index);
        if (!value.isArray()) {
            throw failure("argument " + (index + 1) + " must be an array, not " + Json.write(value));
        }
        return (ArrayNode) value;
    }

    ObjectNode object(List<JsonNode> values, int index) throws StateError {
        JsonNode value = values.get(index);
        if (!value.isObject()) {
            throw failure("argument " + (index + 1) + " must be an object, not " + Json.write(value));
        }
        return (ObjectNode) value;
    }

    /**
     * An integer argument. Step Functions rounds a non-integer number to the nearest integer
     * and allows 32-bit values only.
     */
    long integer(List<JsonNode> values, int index) throws StateError {
        JsonNode value = values.get(index);
        if (!value.isNumber()) {
            throw failure("argument " + (index + 1) + " must be a number, not " + Json.write(value));
        }
        BigDecimal rounded = value.decimalValue().setScale(0, RoundingMode.HALF_UP);
        if (rounded.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
                || rounded.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw failure("argument " + (index + 1) + " is outside the 32-bit integer range: " + value);
        }
        return rounded.longValueExact();
    }
}
