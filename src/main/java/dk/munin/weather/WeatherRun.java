package dk.munin.weather;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the weather providers of one run share: where the run's weather/ folder is, and each
 * provider's requests, so the run report can say what each one was asked.
 */
public class WeatherRun {

    private final ObjectStore store;
    private final Location weatherFolder;
    private final Map<String, WeatherCalls> calls = new LinkedHashMap<>();

    public WeatherRun(ObjectStore store, Location weatherFolder) {
        this.store = store;
        this.weatherFolder = weatherFolder;
    }

    /** The requests of one provider in this run, to its service through {@code http}. */
    WeatherCalls calls(String provider, WeatherHttp http) {
        return calls.computeIfAbsent(provider, name -> new WeatherCalls(http));
    }

    /** Per provider that was asked, its counts so far. */
    public Map<String, WeatherCalls.Counts> counts() {
        Map<String, WeatherCalls.Counts> counts = new LinkedHashMap<>();
        calls.forEach((provider, c) -> counts.put(provider, c.counts()));
        return counts;
    }

    ObjectStore store() {
        return store;
    }

    Location weatherFolder() {
        return weatherFolder;
    }
}
