package dk.munin.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * WeatherEnrichment: the weather at each event's place and start time, written to
 * {@code <output_uri>/weather/event_weather.json}. An event that cannot get weather (no
 * position, no UTC time, too old, provider down) is marked unavailable with the reason and the
 * stage goes on: weather is a nice-to-have beside the detections, never a reason to fail a run.
 */
public class WeatherEnrichment {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherEnrichment.class);

    static final String NO_UTC_TIME = "the event has no UTC time: the camera's time zone is unknown";
    static final String NO_POSITION = "the event has no position: its photos carry no GPS";

    private final ObjectStore store;
    private final Supplier<WeatherProvider> providerPerRun;
    private final Clock clock;

    /**
     * @param providerPerRun {@link WeatherProviders#named} for munin.weather.provider: a fresh
     *                       provider per run, so its cache lives exactly one run
     * @param clock          "now" for the manifest's weather_days_back
     */
    public WeatherEnrichment(ObjectStore store, Supplier<WeatherProvider> providerPerRun, Clock clock) {
        this.store = store;
        this.providerPerRun = providerPerRun;
        this.clock = clock;
    }

    public ObjectNode enrich(JsonNode input) {
        RunState state = RunState.of(input);
        EventsFile events = Json.convert(Json.parse(store.read(Location.parse(state.text(RunState.STAGE2_OUTPUT_URI)))),
                EventsFile.class);
        WeatherProvider provider = providerPerRun.get();
        Optional<DaysBack> daysBack = daysBack(state);
        List<EventWeather> weather = events.events().stream()
                .map(event -> weatherOf(event, provider, daysBack))
                .toList();
        Location folder = Location.parse(state.outputUri()).resolve(EventWeatherFile.FOLDER);
        EventWeatherFile.write(store, folder, weather);
        ObjectNode summary = summary(provider, weather);
        LOG.info("Weather for session {}: {}", state.sessionId(), summary);
        return state.put(RunState.WEATHER_URI, folder.uri())
                .put(RunState.WEATHER, summary)
                .json();
    }

    private static EventWeather weatherOf(Event event, WeatherProvider provider, Optional<DaysBack> daysBack) {
        Optional<String> switchedOff = provider.unavailableForEveryEvent();
        if (switchedOff.isPresent()) {
            return EventWeather.unavailable(event.eventId(), provider.name(), switchedOff.get());
        }
        if (event.startUtc() == null) {
            return EventWeather.unavailable(event.eventId(), provider.name(), NO_UTC_TIME);
        }
        if (!event.hasPosition()) {
            return EventWeather.unavailable(event.eventId(), provider.name(), NO_POSITION);
        }
        if (daysBack.isPresent() && daysBack.get().excludes(event.startUtc())) {
            return EventWeather.unavailable(event.eventId(), provider.name(), daysBack.get().reason(event.startUtc()));
        }
        return provider.weatherAt(event.eventId(), event.latitude(), event.longitude(), event.startUtc());
    }

    /**
     * The manifest's weather_days_back: events older than that are not looked up. It saves
     * requests that could only come back without weather for that time.
     */
    private record DaysBack(int days, Instant now) {

        boolean excludes(Instant eventTime) {
            return eventTime.isBefore(now.minus(Duration.ofDays(days)));
        }

        String reason(Instant eventTime) {
            return String.format("not looked up: the event time %s is more than %s = %d days before the run (%s)",
                    eventTime, RunState.WEATHER_DAYS_BACK, days, now);
        }
    }

    /** Empty when the state has no weather_days_back: every event is then looked up. */
    private Optional<DaysBack> daysBack(RunState state) {
        JsonNode days = state.get(RunState.WEATHER_DAYS_BACK);
        return days.isNumber() ? Optional.of(new DaysBack(days.asInt(), clock.instant())) : Optional.empty();
    }

    private static ObjectNode summary(WeatherProvider provider, List<EventWeather> weather) {
        long available = weather.stream().filter(w -> EventWeather.AVAILABLE.equals(w.status())).count();
        ObjectNode summary = Json.object();
        summary.put("provider", provider.name());
        summary.put("attribution", provider.attribution());
        summary.put("events_with_weather", available);
        summary.put("events_without_weather", weather.size() - available);
        return summary;
    }
}
