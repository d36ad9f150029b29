package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code error}: what an ASL Catch puts in the state (ResultPath $.error) on the way to a Fail state. */
public record CaughtError(@JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {
}
