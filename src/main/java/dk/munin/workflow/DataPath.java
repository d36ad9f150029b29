package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dk.munin.state.Json;

import java.util.Optional;

/**
 * A JSONPath that reads the state's data ({@code $...}) or the context object ({@code $$...}),
 * evaluated by Jayway JsonPath (the implementation Step Functions' paths follow) over Jackson
 * trees. A path that selects nothing is reported as missing, never as null: ASL tells the two
 * apart (IsPresent, and States.Runtime for a missing Parameters path).
 */
final class DataPath {

    static final DataPath ROOT = parse("$");

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new StrictIndexProvider())
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .build();

    private final String text;
    private final boolean readsContext;
    private final JsonPath compiled;

    private DataPath(String text, boolean readsContext, JsonPath compiled) {
        this.text = text;
        this.readsContext = readsContext;
        this.compiled = compiled;
    }

    /** Compiles a path; throws IllegalArgumentException saying why it is not one. */
    static DataPath parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "' is not a JSONPath (it must start with $)");
        }
        boolean context = text.startsWith("$$");
        try {
            return new DataPath(text, context, JsonPath.compile(context ? text.substring(1) : text));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid JSONPath: " + e.getMessage(), e);
        }
    }

    String text() {
        return text;
    }

    boolean readsContext() {
        return readsContext;
    }

    /** A definite path selects at most one node; only such paths may name where ResultPath writes. */
    boolean isDefinite() {
        return compiled.isDefinite();
    }

    Optional<JsonNode> find(JsonNode data, JsonNode context) {
        JsonNode document = readsContext ? context : data;
        try {
            Object found = JsonPath.using(JAYWAY).parse(document).read(compiled);
            return Optional.of(found == null ? NullNode.getInstance() : (JsonNode) found);
        } catch (JsonPathException e) {
            // Jayway reports a path that meets a node of the wrong type (a property of an array,
            // a filter on a string) with other JsonPathExceptions than PathNotFoundException;
            // either way the path selects nothing.
            return Optional.empty();
        }
    }

    /** Reads the path, or fails the state with States.Runtime saying which field's path found nothing. */
    JsonNode read(JsonNode data, JsonNode context, String field) throws StateError {
        Optional<JsonNode> found = find(data, context);
        if (found.isEmpty()) {
            throw StateError.runtime("The JSONPath '" + text + "' specified for the field '" + field
                    + "' could not be found in the " + (readsContext ? "context object" : "input")
                    + " '" + Json.write(readsContext ? context : data) + "'");
        }
        return found.get();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * Jackson's ArrayNode answers null for an index past the end, which Jayway would report as a
     * JSON null; throwing makes Jayway treat the index as selecting nothing, as it does for a
     * missing property.
     */
    private static final class StrictIndexProvider extends JacksonJsonNodeJsonProvider {

        StrictIndexProvider() {
            super(Json.MAPPER);
        }

        @Override
        public Object getArrayIndex(Object array, int index) {
            if (index < 0 || index >= length(array)) {
                throw new IndexOutOfBoundsException("no element " + index);
            }
            return super.getArrayIndex(array, index);
        }
    }
}
