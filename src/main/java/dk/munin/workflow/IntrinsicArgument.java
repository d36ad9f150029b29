package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** One argument of an intrinsic function call: a literal, a path, or a nested call. */
sealed interface IntrinsicArgument
        permits IntrinsicArgument.Literal, IntrinsicArgument.StringLiteral, IntrinsicArgument.PathArgument, Intrinsic {

    /**
     * @param field the template key being resolved, for the message when a path finds nothing
     */
    JsonNode evaluate(JsonNode data, JsonNode context, String field) throws StateError;

    /** A number, true, false or null. */
    record Literal(JsonNode value) implements IntrinsicArgument {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context, String field) {
            return value;
        }
    }

    /**
     * A quoted string; {@code raw} keeps the escapes, because States.Format must tell an escaped
     * brace from a placeholder.
     */
    record StringLiteral(String raw, String value) implements IntrinsicArgument {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context, String field) {
            return TextNode.valueOf(value);
        }
    }

    record PathArgument(DataPath path) implements IntrinsicArgument {
        @Override
        public JsonNode evaluate(JsonNode data, JsonNode context, String field) throws StateError {
            return path.read(data, context, field);
        }
    }
}
