package dk.munin.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.time.Instant;
import java.util.List;

/**
 * The answer of a driver that runs the job itself, shaped like the job description Step
 * Functions returns for {@code batch:submitJob.sync} (DescribeJobs' JobDetail in PascalCase),
 * with the fields a local run can fill honestly.
 */
final class LocalJobDescription {

    static final String SUCCEEDED = "SUCCEEDED";

    private LocalJobDescription() {
    }

    static ObjectNode succeeded(String jobId, JobRequest request, String statusReason, Instant created, Instant stopped) {
        ObjectNode job = Json.object();
        job.put("JobId", jobId);
        job.put("JobName", request.jobName());
        job.put("JobQueue", request.jobQueue());
        job.put("JobDefinition", request.jobDefinition());
        job.put("Status", SUCCEEDED);
        job.put("StatusReason", statusReason);
        job.put("CreatedAt", created.toEpochMilli());
        job.put("StoppedAt", stopped.toEpochMilli());
        return job;
    }

    static ObjectNode withAttempts(ObjectNode job, List<ObjectNode> attempts) {
        ArrayNode nodes = job.putArray("Attempts");
        attempts.forEach(nodes::add);
        return job;
    }

    /** A parent array job: children are not described, only counted by status as Batch does. */
    static ObjectNode withArray(ObjectNode job, int size, int succeeded) {
        ObjectNode array = job.putObject("ArrayProperties");
        array.putObject("StatusSummary").put(SUCCEEDED, succeeded).put("FAILED", size - succeeded);
        array.put("Size", size);
        return job;
    }
}
