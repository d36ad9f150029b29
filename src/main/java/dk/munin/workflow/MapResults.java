package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a Map state's iterations give back, as Step Functions shapes it
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html):
 * without a ResultWriter, the array of the iterations' outputs in item order ("COMPACT"), where a
 * failed iteration that the tolerance let pass is its execution result unchanged ("NONE": its
 * ExecutionArn, Name, Input, Status, Error, Cause, dates); with a ResultWriter, the same
 * execution results written to S3 by status and the location of the manifest in their place.
 */
final class MapResults {

    private MapResults() {
    }

    static ArrayNode array(List<MapRun.Outcome> outcomes, String stateMachineArn) {
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (MapRun.Outcome outcome : outcomes) {
            results.add(outcome.succeeded() ? outcome.result().output() : executionResult(outcome, stateMachineArn));
        }
        return results;
    }

    /**
     * Writes {@code <Prefix>/<map run id>/SUCCEEDED_0.json} and {@code FAILED_0.json} (each only
     * when it would not be empty; Step Functions starts a new file past 5 GB, which a local run
     * does not reach) and then {@code manifest.json}, and returns {@code {"MapRunArn",
     * "ResultWriterDetails": {"Bucket", "Key"}}}, the Map's result in place of the array.
     */
    static JsonNode write(ResultTarget target, String bucket, String prefix, MapRunId run, List<MapRun.Outcome> outcomes)
            throws StateError {
        String folder = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/") + run.uuid() + "/";
        ObjectNode files = Json.object();
        ArrayNode failed = files.putArray("FAILED");
        files.putArray("PENDING");
        ArrayNode succeeded = files.putArray("SUCCEEDED");
        writeFile(target, bucket, folder + "SUCCEEDED_0.json", outcomes, true, run, succeeded);
        writeFile(target, bucket, folder + "FAILED_0.json", outcomes, false, run, failed);
        ObjectNode manifest = Json.object().put("DestinationBucket", bucket).put("MapRunArn", run.arn());
        manifest.set("ResultFiles", files);
        String manifestKey = folder + "manifest.json";
        put(target, bucket, manifestKey, Json.write(manifest).getBytes(StandardCharsets.UTF_8));
        ObjectNode result = Json.object().put("MapRunArn", run.arn());
        result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", manifestKey);
        return result;
    }

    private static void writeFile(ResultTarget target, String bucket, String key, List<MapRun.Outcome> outcomes,
                                  boolean succeeded, MapRunId run, ArrayNode listed) throws StateError {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        for (MapRun.Outcome outcome : outcomes) {
            if (outcome.succeeded() == succeeded) {
                entries.add(executionResult(outcome, run.childStateMachineArn()));
            }
        }
        if (entries.isEmpty()) {
            return;
        }
        byte[] content = Json.write(entries).getBytes(StandardCharsets.UTF_8);
        put(target, bucket, key, content);
        listed.addObject().put("Key", key).put("Size", content.length);
    }

    private static void put(ResultTarget target, String bucket, String key, byte[] content) throws StateError {
        try {
            target.putObject(bucket, key, content);
        } catch (RuntimeException e) {
            throw new StateError(ErrorNames.RESULT_WRITER_FAILED, "Writing s3://" + bucket + "/" + key + " failed: " + e);
        }
    }

    /** A child execution as DescribeExecution gives it; Input and Output as JSON text, as there. */
    private static ObjectNode executionResult(MapRun.Outcome outcome, String stateMachineArn) {
        ExecutionResult result = outcome.result();
        ObjectNode entry = Json.object().put("ExecutionArn", result.executionId());
        if (outcome.input() != null) {
            entry.put("Input", Json.write(outcome.input().input()));
            entry.putObject("InputDetails").put("Included", true);
        }
        entry.put("Name", result.executionName());
        if (result.succeeded()) {
            entry.put("Output", Json.write(result.output()));
            entry.putObject("OutputDetails").put("Included", true);
        } else {
            entry.put("Error", result.error());
            entry.put("Cause", result.cause());
        }
        entry.put("RedriveCount", 0)
                .put("RedriveStatus", "NOT_REDRIVABLE")
                .put("StartDate", Timestamps.format(result.startDate()))
                .put("StateMachineArn", stateMachineArn)
                .put("Status", result.status().name())
                .put("StopDate", Timestamps.format(result.stopDate()));
        return entry;
    }
}
