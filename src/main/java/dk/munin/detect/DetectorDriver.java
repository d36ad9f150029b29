package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs the Stage-1 detection job the workflow's {@code batch:submitJob.sync} task describes, and
 * answers as that integration does: the job description Step Functions returns (PascalCase,
 * {@code Status} SUCCEEDED), or an exception when the job failed. The {@code detect} route calls
 * the one driver {@code munin.detect.mode} chose.
 */
public interface DetectorDriver {

    /** Fails before a run starts when the job could not run anyway, saying what to configure. */
    void checkConfigured();

    /**
     * Gets ready for a run before it starts: checks as {@link #checkConfigured} does and fetches
     * what the job needs onto this machine (the local-process driver's default model), reporting
     * a download's progress. Fails, saying what to set, when the job could not run.
     */
    default void prepare(DownloadProgress progress) {
        checkConfigured();
    }

    /**
     * Runs the job to its end. An interrupt of the calling thread cancels the run: the driver
     * stops or terminates what it started, keeps the thread's interrupt status and throws.
     *
     * @param parameters the task's resolved Parameters (SubmitJob's fields in PascalCase)
     */
    ObjectNode submitJob(JsonNode parameters);
}
