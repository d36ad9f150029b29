package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code submit_batch_stage1}: the detection job as the ASL's ResultSelector keeps it from AWS Batch's job description. */
public record DetectionJob(
        @JsonProperty(value = "job_id", required = true) String jobId,
        @JsonProperty(value = "job_name", required = true) String jobName,
        @JsonProperty(value = "status", required = true) String status) {
}
