package dk.munin.weather;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Turns the munin.weather.providers setting into a source of one fresh provider chain per run. */
public final class WeatherProviders {

    private WeatherProviders() {
    }

    /** The HTTP clients of the providers that fetch. */
    public record Clients(WeatherHttp metNo, WeatherHttp openMeteoArchive) {
    }

    /**
     * @param names           munin.weather.providers, in the order they are asked: open-meteo-archive, metno or none
     * @param maxStepDistance munin.weather.max-step-distance-minutes
     * @throws IllegalArgumentException for an unknown or repeated name, so a typo stops the app at start-up
     */
    public static Supplier<WeatherProvider> named(List<String> names, Clients clients, Duration maxStepDistance) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("munin.weather.providers is empty: name at least one of " + known() + " (none for no weather)");
        }
        List<Supplier<WeatherProvider>> chain = new ArrayList<>();
        for (String name : names) {
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                throw new IllegalArgumentException("munin.weather.providers names '" + name + "' twice");
            }
            chain.add(switch (name.trim()) {
                case OpenMeteoArchive.NAME -> () -> new OpenMeteoArchive(clients.openMeteoArchive(), maxStepDistance);
                case MetNoLocationforecast.NAME -> () -> new MetNoLocationforecast(clients.metNo(), maxStepDistance);
                case NoWeather.NAME -> NoWeather::new;
                default -> throw new IllegalArgumentException("Unknown weather provider '" + name + "' in munin.weather.providers: use "
                        + known());
            });
        }
        if (chain.size() == 1) {
            return chain.get(0);
        }
        return () -> new WeatherChain(chain.stream().map(Supplier::get).toList());
    }

    private static String known() {
        return String.join(", ", OpenMeteoArchive.NAME, MetNoLocationforecast.NAME, NoWeather.NAME);
    }
}
