package dk.munin.trigger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The trigger's answer for one manifest, the reply of the start-execution route and the
 * trigger Lambda function: {@code {"status": "STARTED", "manifest": "s3://...", "execution_arn": ..., "execution_name": ...}},
 * or for a refused manifest {@code {"status": "REFUSED", "manifest": ..., "error_uri": "s3://....error.json"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "manifest", "execution_arn", "execution_name", "error_uri"})
public record TriggerReply(@JsonProperty("status") TriggerStatus status,
                           @JsonProperty("manifest") String manifest,
                           @JsonProperty("execution_arn") String executionArn,
                           @JsonProperty("execution_name") String executionName,
                           @JsonProperty("error_uri") String errorUri) {

    static TriggerReply execution(TriggerStatus status, String manifest, String executionArn, String executionName) {
        return new TriggerReply(status, manifest, executionArn, executionName, null);
    }

    static TriggerReply refused(String manifest, String errorUri) {
        return new TriggerReply(TriggerStatus.REFUSED, manifest, null, null, errorUri);
    }

    static TriggerReply ignored(String manifest) {
        return new TriggerReply(TriggerStatus.IGNORED, manifest, null, null, null);
    }
}
