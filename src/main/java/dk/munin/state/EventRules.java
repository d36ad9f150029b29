package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The manifest's {@code events}: camtrapR's {@code recordTable} arguments, as written (a field
 * left out is null) and, after GuardBudget, complete with the defaults (docs/manifest.md).
 *
 * @param minDeltaTime        minutes between independent records of one species at one station
 * @param deltaTimeComparedTo {@code last_record} or {@code last_independent_record}
 * @param camerasIndependent  whether the cameras of one station count apart
 * @param exclude             species (or detector categories) left out of records and events
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventRules(
        @JsonProperty(MIN_DELTA_TIME) Integer minDeltaTime,
        @JsonProperty(DELTA_TIME_COMPARED_TO) String deltaTimeComparedTo,
        @JsonProperty(CAMERAS_INDEPENDENT) Boolean camerasIndependent,
        @JsonProperty(EXCLUDE) List<String> exclude) {

    public static final String MIN_DELTA_TIME = "min_delta_time";
    public static final String DELTA_TIME_COMPARED_TO = "delta_time_compared_to";
    public static final String CAMERAS_INDEPENDENT = "cameras_independent";
    public static final String EXCLUDE = "exclude";
    public static final List<String> FIELDS = List.of(MIN_DELTA_TIME, DELTA_TIME_COMPARED_TO, CAMERAS_INDEPENDENT, EXCLUDE);
}
