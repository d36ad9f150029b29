package dk.munin.weather;

import java.time.Duration;
import java.util.function.Supplier;

/** Turns the munin.weather.provider setting into a source of one fresh provider per run. */
public final class WeatherProviders {

    private WeatherProviders() {
    }

    /**
     * @param name            munin.weather.provider: metno or none
     * @param metNo           the HTTP client for metno (unused for none)
     * @param maxStepDistance munin.weather.max-step-distance-minutes
     * @throws IllegalArgumentException for an unknown name, so a typo stops the app at start-up
     */
    public static Supplier<WeatherProvider> named(String name, LocationforecastClient metNo, Duration maxStepDistance) {
        return switch (name.trim()) {
            case MetNoLocationforecast.NAME -> () -> new MetNoLocationforecast(metNo, maxStepDistance);
            case NoWeather.NAME -> NoWeather::new;
            default -> throw new IllegalArgumentException("Unknown munin.weather.provider '" + name + "': use "
                    + MetNoLocationforecast.NAME + " or " + NoWeather.NAME);
        };
    }
}
