package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code execution}: the workflow's first state (RecordExecution) puts the execution's id and start here, for the run report. */
public record ExecutionStart(@JsonProperty(value = "id", required = true) String id, @JsonProperty(value = "start_time", required = true) String startTime) {
}
