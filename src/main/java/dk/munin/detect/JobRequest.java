package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an AWS Batch SubmitJob request the detector drivers use, read from the
 * Parameters of the workflow's {@code batch:submitJob.sync} task (PascalCase, as in the ASL).
 *
 * @param environment ContainerOverrides.Environment in the task's order
 * @param arraySize   ArrayProperties.Size, or 0 for a single job (not an array)
 */
public record JobRequest(
        String jobName,
        String jobQueue,
        String jobDefinition,
        Map<String, String> environment,
        int attempts,
        int attemptDurationSeconds,
        int arraySize) {

    /** AWS Batch's limits on an array job's size. */
    public static final int MIN_ARRAY_SIZE = 2;
    public static final int MAX_ARRAY_SIZE = 10_000;

    public static JobRequest from(JsonNode parameters) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : parameters.path("ContainerOverrides").path("Environment")) {
            environment.put(variable.path("Name").asText(), variable.path("Value").asText());
        }
        int attempts = parameters.path("RetryStrategy").path("Attempts").asInt(1);
        int duration = parameters.path("Timeout").path("AttemptDurationSeconds").asInt(0);
        if (attempts < 1 || attempts > 10) {
            throw new IllegalArgumentException("RetryStrategy.Attempts must be 1-10 as in AWS Batch, got " + attempts);
        }
        JsonNode size = parameters.path("ArrayProperties").path("Size");
        int arraySize = 0;
        if (!size.isMissingNode()) {
            arraySize = size.asInt();
            if (!size.canConvertToInt() || arraySize < MIN_ARRAY_SIZE || arraySize > MAX_ARRAY_SIZE) {
                throw new IllegalArgumentException("ArrayProperties.Size must be " + MIN_ARRAY_SIZE + "-" + MAX_ARRAY_SIZE
                        + " as in AWS Batch, got " + size);
            }
        }
        return new JobRequest(parameters.path("JobName").asText(), parameters.path("JobQueue").asText(),
                parameters.path("JobDefinition").asText(), Collections.unmodifiableMap(environment), attempts, duration, arraySize);
    }

    public boolean isArray() {
        return arraySize > 0;
    }

    /** How many containers the job runs: the array's size, or 1. */
    public int children() {
        return isArray() ? arraySize : 1;
    }

    public String env(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The detector job needs the environment variable " + name);
        }
        return value;
    }
}
