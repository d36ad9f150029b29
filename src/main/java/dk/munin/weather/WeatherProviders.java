package dk.munin.weather;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Turns the munin.weather.providers setting into a fresh provider chain per run. */
public final class WeatherProviders {

    private WeatherProviders() {
    }

    /**
     * The HTTP clients of the providers that fetch, one per service.
     *
     * @param frost Frost's, carrying its client id ({@link FrostObservations#authorised}); null when there is none
     */
    public record Clients(WeatherHttp metNo, WeatherHttp openMeteoArchive, WeatherHttp openMeteoForecast, WeatherHttp frost) {

        /** The clients of a chain without Frost. */
        public Clients(WeatherHttp metNo, WeatherHttp openMeteoArchive, WeatherHttp openMeteoForecast) {
            this(metNo, openMeteoArchive, openMeteoForecast, null);
        }
    }

    /** A run's chain, built from its weather folder and the manifest's weather_days_back. */
    @FunctionalInterface
    public interface Chain {
        WeatherLookup forRun(WeatherRun run, int daysBack);
    }

    /**
     * @param names munin.weather.providers, in the order they are asked
     * @throws IllegalArgumentException for an unknown or repeated name, so a typo stops the app at start-up
     */
    public static Chain named(List<String> names, Clients clients, WeatherSettings settings, Clock clock) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("munin.weather.providers is empty: name at least one of " + known() + " (none for no weather)");
        }
        List<Function<WeatherRun, WeatherProvider>> chain = new ArrayList<>();
        for (String name : names) {
            if (names.indexOf(name) != names.lastIndexOf(name)) {
                throw new IllegalArgumentException("munin.weather.providers names '" + name + "' twice");
            }
            chain.add(switch (name.trim()) {
                case OpenMeteoArchive.NAME -> run -> new OpenMeteoArchive(run.calls(OpenMeteoArchive.NAME, clients.openMeteoArchive(),
                        settings.cache(), clock));
                case OpenMeteoForecast.NAME -> run -> new OpenMeteoForecast(run.calls(OpenMeteoForecast.NAME, clients.openMeteoForecast(),
                        settings.cache(), clock), clock);
                case MetNoLocationforecast.NAME -> run -> new MetNoLocationforecast(run.calls(MetNoLocationforecast.NAME, clients.metNo(),
                        settings.cache(), clock), settings.metNoUserAgent(), clock);
                case FrostObservations.NAME -> frost(clients, settings, clock);
                case NoWeather.NAME -> run -> new NoWeather();
                default -> throw new IllegalArgumentException("Unknown weather provider '" + name + "' in munin.weather.providers: use "
                        + known());
            });
        }
        return (run, daysBack) -> new WeatherLookup(chain.stream().map(provider -> provider.apply(run)).toList(),
                settings.maxStepDistance(), daysBack, settings.spans());
    }

    private static Function<WeatherRun, WeatherProvider> frost(Clients clients, WeatherSettings settings, Clock clock) {
        if (clients.frost() == null) {
            throw new IllegalArgumentException("munin.weather.providers names " + FrostObservations.NAME + " but no Frost client was made");
        }
        return run -> new FrostObservations(run.calls(FrostObservations.NAME, clients.frost(), settings.cache(), clock),
                settings.frost().clientId(), settings.frost().maxDistanceKm());
    }

    private static String known() {
        return String.join(", ", OpenMeteoArchive.NAME, OpenMeteoForecast.NAME, MetNoLocationforecast.NAME, FrostObservations.NAME,
                NoWeather.NAME);
    }
}
