package dk.munin.stage.weatherenrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.state.WeatherCounts;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.WeatherGap;
import dk.munin.weather.WeatherProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import static dk.munin.state.RunState.need;

/**
 * WeatherEnrichment: the weather at each event's place and start time, written to
 * {@code <output_uri>/weather/event_weather.json}. An event that cannot get weather (no
 * position, no UTC time, too old, provider down) is marked unavailable with the reason and the
 * stage goes on: weather is a nice-to-have beside the detections, never a reason to fail a run.
 */
public class WeatherEnrichment {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherEnrichment.class);
    private static final Stage STAGE = Stage.WEATHER_ENRICHMENT;

    public static final String NO_UTC_TIME = "the event has no UTC time: the camera's time zone is unknown";
    public static final String NO_POSITION = "the event has no position: its photos carry no GPS";

    private final ObjectStore store;
    private final Supplier<WeatherProvider> providerPerRun;

    /**
     * @param providerPerRun {@link dk.munin.weather.WeatherProviders#named} for munin.weather.providers:
     *                       a fresh provider chain per run, so its cache lives exactly one run
     */
    public WeatherEnrichment(ObjectStore store, Supplier<WeatherProvider> providerPerRun) {
        this.store = store;
        this.providerPerRun = providerPerRun;
    }

    public ObjectNode enrich(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        EventsFile events = Json.convert(Json.parse(store.read(Location.parse(
                need(STAGE, RunState.STAGE2_POST, state.stage2Post()).eventsUri()))), EventsFile.class);
        WeatherProvider provider = providerPerRun.get();
        List<EventWeather> weather = new ArrayList<>();
        Map<String, Long> gaps = new TreeMap<>();
        for (Event event : events.events()) {
            Looked looked = weatherOf(event, provider);
            weather.add(looked.weather());
            if (looked.gap() != null) {
                gaps.merge(looked.gap().code(), 1L, Long::sum);
            }
        }
        Location folder = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri())).resolve(EventWeatherFile.FOLDER);
        EventWeatherFile.write(store, folder, weather);
        long available = weather.size() - gaps.values().stream().mapToLong(Long::longValue).sum();
        WeatherCounts counts = new WeatherCounts(folder.uri(), provider.name(), provider.attribution(), available,
                weather.size() - available, gaps);
        LOG.info("Weather for session {}: {} events with weather, {} without {}", state.sessionId(), available,
                weather.size() - available, gaps);
        return state.withWeatherEnrichment(counts).toJson();
    }

    /** An event's weather, and when there is none, which kind of gap it is. */
    private record Looked(EventWeather weather, WeatherGap gap) {
    }

    private static Looked weatherOf(Event event, WeatherProvider provider) {
        Optional<String> switchedOff = provider.unavailableForEveryEvent();
        if (switchedOff.isPresent()) {
            return gap(EventWeather.unavailable(event.eventId(), provider.name(), switchedOff.get()), WeatherGap.PROVIDER_OFF);
        }
        if (event.startUtc() == null) {
            return gap(EventWeather.unavailable(event.eventId(), provider.name(), NO_UTC_TIME), WeatherGap.NO_UTC_TIME);
        }
        if (!event.hasPosition()) {
            return gap(EventWeather.unavailable(event.eventId(), provider.name(), NO_POSITION), WeatherGap.NO_POSITION);
        }
        EventWeather found = provider.weatherAt(event.eventId(), event.latitude(), event.longitude(), event.startUtc());
        return new Looked(found, EventWeather.AVAILABLE.equals(found.status()) ? null : WeatherGap.PROVIDER_HAS_NONE);
    }

    private static Looked gap(EventWeather weather, WeatherGap gap) {
        return new Looked(weather, gap);
    }
}
