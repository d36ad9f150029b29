package dk.munin.weather;

import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the weather providers of one run share: where the run's weather/ folder is, and each
 * provider's requests, so the run report can say what each one was asked. Each provider's
 * answers are cached in {@code weather/cache/<provider>/}, where the next run of the session
 * finds them.
 */
public class WeatherRun {

    private final ObjectStore store;
    private final Location weatherFolder;
    private final Map<String, WeatherCalls> calls = new LinkedHashMap<>();

    public WeatherRun(ObjectStore store, Location weatherFolder) {
        this.store = store;
        this.weatherFolder = weatherFolder;
    }

    /**
     * The requests of one provider in this run, to its service through {@code http}, answered
     * from {@code weather/cache/<provider>/} while the answers there are current.
     *
     * @param rules munin.weather.cache.*: how long an answer is reused
     * @param clock what "current" is measured by
     */
    WeatherCalls calls(String provider, WeatherHttp http, CacheRules rules, Clock clock) {
        return calls.computeIfAbsent(provider, name -> new WeatherCalls(http,
                new ResponseCache(store, weatherFolder.resolve(ResponseCache.FOLDER + name + "/"), rules, clock)));
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
