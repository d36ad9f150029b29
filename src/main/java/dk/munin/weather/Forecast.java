package dk.munin.weather;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A Locationforecast's time steps for one position, in time order; never empty. */
record Forecast(List<ForecastStep> steps) {

    Forecast {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("the forecast has no time steps");
        }
        steps = steps.stream().sorted(Comparator.comparing(ForecastStep::time)).toList();
    }

    Instant firstStep() {
        return steps.get(0).time();
    }

    Instant lastStep() {
        return steps.get(steps.size() - 1).time();
    }

    /** The step nearest to {@code time}, if it is at most {@code maxDistance} away. */
    Optional<ForecastStep> stepNear(Instant time, Duration maxDistance) {
        ForecastStep nearest = steps.stream()
                .min(Comparator.comparing(step -> distance(step.time(), time)))
                .orElseThrow();
        return distance(nearest.time(), time).compareTo(maxDistance) <= 0 ? Optional.of(nearest) : Optional.empty();
    }

    private static Duration distance(Instant a, Instant b) {
        return Duration.between(a, b).abs();
    }
}
