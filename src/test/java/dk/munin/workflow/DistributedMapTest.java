package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static dk.munin.workflow.Workflows.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Distributed Map fields aws-local-stepfunctions does not run (ItemReader, ItemBatcher,
 * ResultWriter), held to answers derived from the Step Functions pages each test cites, with an
 * in-memory listing and result target (ObjectStoreBucketsTest binds them to the real stores).
 */
class DistributedMapTest {

    private static final String PROCESSOR = """
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
    private static final String LISTING = """
            "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket.$": "$.bucket", "Prefix": "raw/"}}""";

    private final Workflows workflows = new Workflows();
    private final Map<String, byte[]> written = new ConcurrentHashMap<>();
    private final ItemSource listing = (bucket, prefix) -> List.of(
                    new ListedObject("raw/a.jpg", 10, "\"e1\"", Instant.parse("2024-05-01T10:00:00Z"), "STANDARD"),
                    new ListedObject("raw/b.jpg", 20, "\"e2\"", Instant.parse("2024-05-01T10:00:01Z"), "STANDARD"),
                    new ListedObject("other/c.jpg", 30, "\"e3\"", Instant.parse("2024-05-01T10:00:02Z"), "STANDARD"))
            .stream().filter(object -> bucket.equals("photos") && object.key().startsWith(prefix));
    private final ResultTarget target = (bucket, key, content) -> { };

    /**
     * An S3 listing's items are {"Etag", "Key", "LastModified" (epoch seconds), "Size", "StorageClass"}
     * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html, S3 objects).
     */
    @Test
    void anS3ListingsObjectsAreTheItems() {
        ExecutionResult result = run(mapWith(LISTING), "{\"bucket\": \"photos\"}");

        // Compared as text: the sizes are longs, which JSON does not tell from ints.
        assertThat(Json.write(result.output())).isEqualTo(Json.write(json("""
                [{"Etag": "\\"e1\\"", "Key": "raw/a.jpg", "LastModified": 1714557600, "Size": 10, "StorageClass": "STANDARD"},
                 {"Etag": "\\"e2\\"", "Key": "raw/b.jpg", "LastModified": 1714557601, "Size": 20, "StorageClass": "STANDARD"}]""")));
    }

    /**
     * Each child gets {"BatchInput": ..., "Items": [...]}, the items shaped by ItemSelector first
     * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
     */
    @Test
    void anItemBatcherGivesEachChildABatchOfSelectedItemsAndTheBatchInput() {
        ExecutionResult result = run(mapWith("""
                "ItemsPath": "$.photos", "ItemSelector": {"photo.$": "$$.Map.Item.Value", "n.$": "$$.Map.Item.Index"},
                "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"session.$": "$.session"}}"""),
                "{\"session\": \"s1\", \"photos\": [\"a\", \"b\", \"c\"]}");

        assertThat(result.output()).isEqualTo(json("""
                [{"BatchInput": {"session": "s1"}, "Items": [{"photo": "a", "n": 0}, {"photo": "b", "n": 1}]},
                 {"BatchInput": {"session": "s1"}, "Items": [{"photo": "c", "n": 2}]}]"""));
    }

    @Test
    void maxInputBytesPerBatchCutsABatchBeforeItGrowsOverTheLimit() {
        // {"Items":["aaaa","bbbb"]} is 25 bytes; a third item would make it 32.
        ExecutionResult result = run(mapWith("\"ItemBatcher\": {\"MaxInputBytesPerBatch\": 25}"), "[\"aaaa\", \"bbbb\", \"cccc\"]");

        assertThat(result.output()).isEqualTo(json("[{\"Items\": [\"aaaa\", \"bbbb\"]}, {\"Items\": [\"cccc\"]}]"));
        assertThat(Json.write(result.output().get(0))).hasSize(25);
    }

    @Test
    void anItemTooLargeForAnyBatchFailsTheMap() {
        ExecutionResult result = run(mapWith("\"ItemBatcher\": {\"MaxInputBytesPerBatch\": 12}"), "[\"a long item\"]");

        assertThat(result.error()).isEqualTo(ErrorNames.RUNTIME);
        assertThat(result.cause()).contains("MaxInputBytesPerBatch 12");
    }

    /**
     * With a ResultWriter the Map's result is {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}
     * and the children's execution results are in SUCCEEDED_0.json / FAILED_0.json below
     * {@code <Prefix>/<map run id>/}, listed in manifest.json
     * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
     */
    @Test
    void aResultWriterWritesTheResultFilesAndManifestAndReturnsWhereTheyAre() {
        ResultTarget recording = (bucket, key, content) -> written.put(bucket + "/" + key, content);
        ExecutionResult result = run(mapWith("""
                "ToleratedFailureCount": 1, "Label": "Photos",
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "maps"}}""")
                .replace("\"P\": {\"Type\": \"Pass\", \"End\": true}", """
                "P": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "bad", "Next": "No"}], "Default": "Yes"},
                "No": {"Type": "Fail", "Error": "Bad", "Cause": "bad item"}, "Yes": {"Type": "Pass", "End": true}"""),
                "[\"good\", \"bad\"]", recording);

        JsonNode output = result.output();
        String mapRun = output.get("MapRunArn").asText();
        assertThat(mapRun).matches("arn:aws:states:eu-north-1:000000000000:mapRun:munin-test/Photos:[0-9a-f-]{36}");
        String uuid = mapRun.substring(mapRun.lastIndexOf(':') + 1);
        assertThat(output.get("ResultWriterDetails")).isEqualTo(json("{\"Bucket\": \"out\", \"Key\": \"maps/" + uuid + "/manifest.json\"}"));
        assertThat(new TreeMap<>(written).keySet()).containsExactly("out/maps/" + uuid + "/FAILED_0.json",
                "out/maps/" + uuid + "/SUCCEEDED_0.json", "out/maps/" + uuid + "/manifest.json");
        JsonNode manifest = Json.parse(written.get("out/maps/" + uuid + "/manifest.json"));
        assertThat(manifest.get("DestinationBucket").asText()).isEqualTo("out");
        assertThat(manifest.get("MapRunArn").asText()).isEqualTo(mapRun);
        assertThat(manifest.at("/ResultFiles/PENDING")).isEmpty();
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText()).isEqualTo("maps/" + uuid + "/SUCCEEDED_0.json");
        assertThat(manifest.at("/ResultFiles/SUCCEEDED/0/Size").asInt()).isEqualTo(written.get("out/maps/" + uuid + "/SUCCEEDED_0.json").length);
        JsonNode succeeded = Json.parse(written.get("out/maps/" + uuid + "/SUCCEEDED_0.json")).get(0);
        assertThat(succeeded.get("Status").asText()).isEqualTo("SUCCEEDED");
        assertThat(succeeded.get("Input").asText()).isEqualTo("\"good\"");
        assertThat(succeeded.get("Output").asText()).isEqualTo("\"good\"");
        assertThat(succeeded.get("ExecutionArn").asText()).startsWith("arn:aws:states:eu-north-1:000000000000:execution:munin-test/Photos:");
        assertThat(succeeded.has("StartDate") && succeeded.has("StopDate") && succeeded.has("Name")).isTrue();
        JsonNode failed = Json.parse(written.get("out/maps/" + uuid + "/FAILED_0.json")).get(0);
        assertThat(failed.get("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("Error").asText()).isEqualTo("Bad");
        assertThat(failed.get("Cause").asText()).isEqualTo("bad item");
    }

    @Test
    void aResultTargetThatFailsFailsTheMapWithResultWriterFailed() {
        ResultTarget broken = (bucket, key, content) -> {
            throw new IllegalStateException("disk full");
        };
        ExecutionResult result = run(mapWith("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out"}}"""), "[1]", broken);

        assertThat(result.error()).isEqualTo(ErrorNames.RESULT_WRITER_FAILED);
        assertThat(result.cause()).contains("disk full");
    }

    /** MaxItemsPerBatchPath: the batch size read from the Map's input, as Munin's photos per invocation are. */
    @Test
    void maxItemsPerBatchPathTakesTheBatchSizeFromTheInput() {
        String definition = mapWith("\"ItemsPath\": \"$.photos\", \"ItemBatcher\": {\"MaxItemsPerBatchPath\": \"$.per_batch\"}");

        ExecutionResult result = run(definition, "{\"per_batch\": 2, \"photos\": [\"a\", \"b\", \"c\"]}");
        ExecutionResult zero = run(definition, "{\"per_batch\": 0, \"photos\": [\"a\"]}");

        assertThat(result.output()).isEqualTo(json("[{\"Items\": [\"a\", \"b\"]}, {\"Items\": [\"c\"]}]"));
        assertThat(zero.error()).isEqualTo(ErrorNames.RUNTIME);
        assertThat(zero.cause()).contains("MaxItemsPerBatchPath '$.per_batch' must select an integer of at least 1, not 0");
    }

    @Test
    void toleratedFailurePercentagePathTakesTheToleranceFromTheInput() {
        String definition = mapWith("\"ItemsPath\": \"$.photos\", \"ToleratedFailurePercentagePath\": \"$.tolerated\"")
                .replace("\"P\": {\"Type\": \"Pass\", \"End\": true}", """
                "P": {"Type": "Choice", "Choices": [{"Variable": "$", "StringEquals": "bad", "Next": "No"}], "Default": "Yes"},
                "No": {"Type": "Fail", "Error": "Bad"}, "Yes": {"Type": "Pass", "End": true}""");

        assertThat(run(definition, "{\"tolerated\": 50, \"photos\": [\"good\", \"bad\"]}").succeeded()).isTrue();
        assertThat(run(definition, "{\"tolerated\": 49.5, \"photos\": [\"good\", \"bad\"]}").error())
                .isEqualTo(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD);
        assertThat(run(definition, "{\"tolerated\": 101, \"photos\": [\"good\"]}").cause())
                .contains("ToleratedFailurePercentagePath '$.tolerated' must select a number from 0 to 100, not 101");
    }

    @Test
    void aListingThatFailsFailsTheMapWithItemReaderFailed() {
        ItemSource broken = (bucket, prefix) -> {
            throw new IllegalStateException("bucket gone");
        };
        StateMachine machine = Workflows.machine(mapWith(LISTING));
        ExecutionResult result = workflows.runner(machine, ScriptedTasks.of("{}")).itemSource(broken).build()
                .run("broken", json("{\"bucket\": \"photos\"}"));

        assertThat(result.error()).isEqualTo(ErrorNames.ITEM_READER_FAILED);
    }

    @Test
    void aRunnerWithoutAnItemSourceOrResultTargetIsRefusedWhenBuilt() {
        StateMachine reading = Workflows.machine(mapWith(LISTING));
        StateMachine writing = Workflows.machine(mapWith("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out"}}"""));

        assertThatThrownBy(() -> workflows.runner(reading, ScriptedTasks.of("{}")).build())
                .isInstanceOf(InvalidDefinition.class).hasMessageContaining("State 'M', field 'ItemReader.Resource': no item source");
        assertThatThrownBy(() -> workflows.runner(writing, ScriptedTasks.of("{}")).build())
                .isInstanceOf(InvalidDefinition.class).hasMessageContaining("State 'M', field 'ResultWriter.Resource': no result target");
    }

    private ExecutionResult run(String definition, String input) {
        return run(definition, input, target);
    }

    private ExecutionResult run(String definition, String input, ResultTarget results) {
        return workflows.runner(Workflows.machine(definition), ScriptedTasks.of("{}")).itemSource(listing).resultTarget(results)
                .build().run("distributed", json(input));
    }

    private static String mapWith(String fields) {
        return "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", " + fields + ", " + PROCESSOR + ", \"End\": true}}}";
    }
}
