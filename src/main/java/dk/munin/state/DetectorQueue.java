package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code detector_queue}: the workflow's ChooseJobQueue puts the AWS Batch job queue the manifest's
 * use_spot chose here (UseSpotQueue or UseOnDemandQueue), for the detector job that follows.
 *
 * @param arn      the job queue's ARN (a DefinitionSubstitution of the stack, or a local stand-in)
 * @param capacity {@code spot} or {@code on-demand}
 */
public record DetectorQueue(@JsonProperty(value = "arn", required = true) String arn,
                            @JsonProperty(value = "capacity", required = true) String capacity) {
}
