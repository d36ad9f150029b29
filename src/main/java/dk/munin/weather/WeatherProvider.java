package dk.munin.weather;

import java.time.Instant;
import java.util.Optional;

/**
 * Where WeatherEnrichment gets the weather of one event from. One instance serves one run, so a
 * provider may remember what it fetched for the rest of that run (and only that run).
 */
public interface WeatherProvider {

    /** The name written into every EventWeather and the run summary (the munin.weather.providers value). */
    String name();

    /** The credit the provider's licence asks for, or null when nothing is fetched. */
    String attribution();

    /**
     * Why no event of this run can get weather, whatever its place and time; empty when this
     * provider looks weather up. It comes before the per-event checks so that a run with
     * weather switched off says so for every event instead of listing unrelated reasons.
     */
    default Optional<String> unavailableForEveryEvent() {
        return Optional.empty();
    }

    /** The weather at a position and UTC instant, or unavailable with the reason. */
    EventWeather weatherAt(String eventId, double latitude, double longitude, Instant utc);
}
