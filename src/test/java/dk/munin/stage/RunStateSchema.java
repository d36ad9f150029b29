package dk.munin.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dk.munin.state.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented shapes of what the stages hand on: docs/run-state.schema.json and docs/run-result.schema.json. */
public final class RunStateSchema {

    public static final Path STATE = Path.of("docs", "run-state.schema.json");
    public static final Path RESULT = Path.of("docs", "run-result.schema.json");

    private RunStateSchema() {
    }

    /** Holds a stage's output to the state's schema, naming every violation. */
    public static void assertValidState(JsonNode state) {
        assertValid(STATE, state);
    }

    /** Holds WriteParquet's output (the seed's Output Format) to its schema. */
    public static void assertValidResult(JsonNode result) {
        assertValid(RESULT, result);
    }

    public static List<String> violations(Path schemaFile, JsonNode json) {
        return schema(schemaFile).validate(Json.write(json), InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static void assertValid(Path schemaFile, JsonNode json) {
        assertThat(violations(schemaFile, json)).as("%s against %s", json, schemaFile).isEmpty();
    }

    private static Schema schema(Path file) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(file), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
