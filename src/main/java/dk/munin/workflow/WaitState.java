package dk.munin.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Wait: pauses for Seconds / SecondsPath, or until Timestamp / TimestampPath (a time already
 * passed does not wait). The pause goes through the runner's Sleeper.
 */
record WaitState(String name, Selector inputPath, Selector outputPath, Long seconds, DataPath secondsPath,
                 Instant timestamp, DataPath timestampPath, String next) implements State {

    @Override
    public String type() {
        return "Wait";
    }

    @Override
    public Map<String, String> transitions() {
        return next == null ? Map.of() : Map.of("Next", next);
    }

    @Override
    public Transition run(JsonNode input, StateVisit visit) throws StateError, InterruptedException {
        JsonNode context = visit.context();
        JsonNode effective = inputPath.apply(input, context, "InputPath");
        visit.sleep(pause(effective, context, visit.now()));
        return Transition.to(outputPath.apply(effective, context, "OutputPath"), next);
    }

    private Duration pause(JsonNode effective, JsonNode context, Instant now) throws StateError {
        if (seconds != null) {
            return Duration.ofSeconds(seconds);
        }
        if (secondsPath != null) {
            JsonNode value = secondsPath.read(effective, context, "SecondsPath");
            if (!value.canConvertToExactIntegral() || value.asLong() < 0) {
                throw StateError.runtime("The SecondsPath '" + secondsPath + "' must select a non-negative integer, not " + value);
            }
            return Duration.ofSeconds(value.asLong());
        }
        Instant until = timestamp;
        if (timestampPath != null) {
            JsonNode value = timestampPath.read(effective, context, "TimestampPath");
            until = value.isTextual() ? Timestamps.parse(value.textValue()).orElse(null) : null;
            if (until == null) {
                throw StateError.runtime("The TimestampPath '" + timestampPath + "' must select an RFC 3339 timestamp, not " + value);
            }
        }
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }
}
