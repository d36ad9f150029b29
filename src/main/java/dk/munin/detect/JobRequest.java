package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an AWS Batch SubmitJob request the detector drivers use, read from the
 * Parameters of the workflow's {@code batch:submitJob.sync} task (PascalCase, as in the ASL).
 */
public record JobRequest(
        String jobName,
        String jobQueue,
        String jobDefinition,
        Map<String, String> environment,
        int attempts,
        int attemptDurationSeconds) {

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
        return new JobRequest(parameters.path("JobName").asText(), parameters.path("JobQueue").asText(),
                parameters.path("JobDefinition").asText(), Map.copyOf(environment), attempts, duration);
    }

    public String env(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The detector job needs the environment variable " + name);
        }
        return value;
    }
}
