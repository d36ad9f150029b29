package dk.munin.weather;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The providers of munin.weather.providers, asked in order: the first that has the weather of an
 * event's place and time gives it. When none has, the event is unavailable with every
 * provider's reason, so a researcher sees why each one could not help.
 */
public class WeatherChain implements WeatherProvider {

    private final List<WeatherProvider> providers;

    public WeatherChain(List<WeatherProvider> providers) {
        if (providers.isEmpty()) {
            throw new IllegalArgumentException("a weather chain needs at least one provider");
        }
        this.providers = List.copyOf(providers);
    }

    /** The providers' names joined: "open-meteo-archive,metno". */
    @Override
    public String name() {
        return providers.stream().map(WeatherProvider::name).collect(Collectors.joining(","));
    }

    @Override
    public String attribution() {
        String credits = providers.stream().map(WeatherProvider::attribution).filter(a -> a != null).collect(Collectors.joining("; "));
        return credits.isEmpty() ? null : credits;
    }

    /** Every provider says no event can get weather (only none does): the first one's reason. */
    @Override
    public Optional<String> unavailableForEveryEvent() {
        return providers.stream().allMatch(p -> p.unavailableForEveryEvent().isPresent())
                ? providers.get(0).unavailableForEveryEvent() : Optional.empty();
    }

    @Override
    public EventWeather weatherAt(String eventId, double latitude, double longitude, Instant utc) {
        List<String> reasons = new ArrayList<>();
        for (WeatherProvider provider : providers) {
            if (provider.unavailableForEveryEvent().isPresent()) {
                continue;
            }
            EventWeather weather = provider.weatherAt(eventId, latitude, longitude, utc);
            if (EventWeather.AVAILABLE.equals(weather.status())) {
                return weather;
            }
            reasons.add(provider.name() + ": " + weather.reason());
        }
        return EventWeather.unavailable(eventId, name(), String.join("; ", reasons));
    }
}
