package dk.munin.stage;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.state.RunResult;
import dk.munin.state.RunState;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas in docs/ and the records they describe are one contract: neither may drift from the other. */
class RunStateSchemaTest {

    @Test
    void theStateSchemaNamesExactlyTheFieldsOfRunStateAndOfEachSection() throws Exception {
        JsonNode schema = Json.parse(Files.readAllBytes(RunStateSchema.STATE));

        assertThat(names(schema.get("properties"))).containsExactlyElementsOf(jsonNames(RunState.class));
        for (RecordComponent component : RunState.class.getRecordComponents()) {
            JsonNode reference = schema.at("/properties/" + jsonName(component) + "/$ref");
            if (component.getType().isRecord()) {
                JsonNode section = schema.at(reference.asText().substring(1));
                assertThat(names(section.get("properties"))).as(component.getName()).containsExactlyElementsOf(jsonNames(component.getType()));
                assertThat(names(section.get("required"))).as("every field of %s is required", component.getName())
                        .containsExactlyElementsOf(jsonNames(component.getType()));
            }
        }
    }

    @Test
    void theResultSchemaNamesTheFieldsOfRunResult() throws Exception {
        JsonNode schema = Json.parse(Files.readAllBytes(RunStateSchema.RESULT));

        assertThat(names(schema.get("properties"))).containsExactlyElementsOf(jsonNames(RunResult.class));
    }

    @Test
    void theSchemaRefusesAnUnknownFieldAndAnIncompleteSection() {
        ObjectNode state = Json.object().put("input_uri", "/photos");
        state.set("stage2_post", TestStates.stage2Post("file:/out/_work/s/stage2/events.json"));
        assertThat(RunStateSchema.violations(RunStateSchema.STATE, state)).isEmpty();

        ObjectNode renamed = state.deepCopy().put("stage1_shards", 3);
        ObjectNode incomplete = state.deepCopy();
        ((ObjectNode) incomplete.get("stage2_post")).remove("events");

        assertThat(RunStateSchema.violations(RunStateSchema.STATE, renamed)).singleElement().asString().contains("stage1_shards");
        assertThat(RunStateSchema.violations(RunStateSchema.STATE, incomplete)).singleElement().asString().contains("events");
    }

    @Test
    void theDocumentedExampleIsAValidState() throws Exception {
        String doc = Files.readString(java.nio.file.Path.of("docs", "run-state.md"));
        String jsonc = doc.substring(doc.indexOf("```jsonc") + "```jsonc".length(), doc.indexOf("```", doc.indexOf("```jsonc") + 8));
        JsonNode example = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS).build().readTree(jsonc);

        assertThat(RunStateSchema.violations(RunStateSchema.STATE, example)).isEmpty();
        assertThat(RunState.read(dk.munin.state.Stage.WRITE_PARQUET, example).toJson().toString()).as("read and written back unchanged")
                .isEqualTo(example.toString());
    }

    private static List<String> jsonNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(RunStateSchemaTest::jsonName).toList();
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> names.add(item.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }
}
