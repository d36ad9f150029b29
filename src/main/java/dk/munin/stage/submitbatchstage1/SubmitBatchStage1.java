package dk.munin.stage.submitbatchstage1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.detect.DetectorDriver;

/**
 * SubmitBatchStage1 and SubmitBatchStage1Array outside Step Functions: the embedded runner hands
 * the {@code batch:submitJob.sync} task's Parameters here, and the driver munin.detect.mode chose
 * (local-process, aws-batch or precomputed) runs the job and answers with its job description,
 * as the AWS integration does, or fails the task. On AWS, Step Functions submits to Batch itself.
 */
public class SubmitBatchStage1 {

    private final DetectorDriver detector;

    public SubmitBatchStage1(DetectorDriver detector) {
        this.detector = detector;
    }

    /** @param parameters the task's resolved Parameters (SubmitJob's fields, PascalCase) */
    public ObjectNode submitJob(JsonNode parameters) {
        return detector.submitJob(parameters);
    }
}
