package dk.munin.weather;

import java.time.Instant;
import java.util.Optional;

/** Provider {@code none}: weather is switched off, and every event says so. */
public class NoWeather implements WeatherProvider {

    public static final String NAME = "none";
    static final String REASON = "weather provider is none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String attribution() {
        return null;
    }

    @Override
    public Optional<String> unavailableForEveryEvent() {
        return Optional.of(REASON);
    }

    @Override
    public Fetched<WeatherSeries> series(RoundedPosition place, Instant from, Instant to) {
        return new Fetched<>(null, REASON);
    }
}
