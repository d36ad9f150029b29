package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The workflow's output, the seed's Output Format: WriteParquet returns it and Success ends with it. */
public record RunResult(
        @JsonProperty("session_id") String sessionId,
        @JsonProperty("final_results") FinalResults finalResults) {
}
