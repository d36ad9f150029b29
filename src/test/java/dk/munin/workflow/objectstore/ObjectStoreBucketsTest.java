package dk.munin.workflow.objectstore;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.storage.Location;
import dk.munin.state.Json;
import dk.munin.testing.WorkFolders;
import dk.munin.workflow.AslRunner;
import dk.munin.workflow.ExecutionResult;
import dk.munin.workflow.StateMachine;
import dk.munin.workflow.Workflows;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Distributed Map that lists photos and writes its results through the real stores: local
 * folders (a folder per bucket) and an embedded S3 server.
 */
class ObjectStoreBucketsTest {

    private static final String BUCKET = "field-season";
    private static WorkFolders folders;
    private static Path localBuckets;

    @BeforeAll
    static void start() throws Exception {
        folders = WorkFolders.start("object-store-buckets");
        localBuckets = Files.createTempDirectory("buckets");
    }

    @AfterAll
    static void stop() throws Exception {
        folders.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {WorkFolders.LOCAL, WorkFolders.S3})
    void aDistributedMapListsThePrefixAndWritesItsResultsThroughTheStore(String where) {
        boolean s3 = where.equals(WorkFolders.S3);
        ObjectStoreBuckets buckets = s3 ? ObjectStoreBuckets.s3(folders.storage()) : ObjectStoreBuckets.local(folders.storage(), localBuckets);
        Location root = s3 ? Location.s3Object(BUCKET, "") : Location.of(localBuckets.resolve(BUCKET)).asFolder();
        String run = "run-" + where + "/";
        for (String key : List.of("raw/IMG_0002.JPG", "raw/IMG_0001.JPG", "raw/sub/IMG_0003.JPG", "rawer/IMG_9.JPG", "other/x.jpg")) {
            folders.storage().write(root.resolve(run + key), key.getBytes(StandardCharsets.UTF_8));
        }
        StateMachine machine = Workflows.machine("""
                {"StartAt": "ListPhotos", "States": {"ListPhotos": {"Type": "Map",
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "%1$s", "Prefix.$": "$.prefix"}},
                  "ItemSelector": {"key.$": "$$.Map.Item.Value.Key", "size.$": "$$.Map.Item.Value.Size"},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "%1$s", "Prefix": "%2$smaps"}},
                  "End": true}}}""".formatted(BUCKET, run));

        ExecutionResult result = AslRunner.builder(machine, Workflows.STATE_MACHINE_ARN).itemSource(buckets).resultTarget(buckets)
                .build().run("store-" + where, Json.object().put("prefix", run + "raw/"));

        assertThat(result.succeeded()).as("%s: %s", result.error(), result.cause()).isTrue();
        String manifestKey = result.output().at("/ResultWriterDetails/Key").asText();
        JsonNode manifest = Json.parse(folders.storage().read(root.resolve(manifestKey)));
        String succeededKey = manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText();
        JsonNode succeeded = Json.parse(folders.storage().read(root.resolve(succeededKey)));
        assertThat(succeeded).extracting(entry -> Json.parse(entry.get("Output").asText()))
                .containsExactly(item(run + "raw/IMG_0001.JPG"), item(run + "raw/IMG_0002.JPG"), item(run + "raw/sub/IMG_0003.JPG"));
        assertThat(manifest.at("/ResultFiles/FAILED")).isEmpty();
    }

    private static JsonNode item(String key) {
        return Json.MAPPER.valueToTree(Map.of("key", key, "size", key.substring(key.indexOf("raw/")).length()));
    }
}
