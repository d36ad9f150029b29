package dk.munin.workflow;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dk.munin.state.Json;

/**
 * Parses JSON text strictly: a duplicate key or text after the value is an error, not a value
 * silently dropped (Jackson's default keeps the last duplicate and ignores trailing text).
 */
public final class JsonText {

    private static final ObjectReader STRICT = Json.MAPPER.readerFor(JsonNode.class)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }

    /** Throws IllegalArgumentException with Jackson's description of what is wrong. */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = STRICT.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("no JSON value in the text");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }
}
