package dk.munin.stage.weatherenrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventCategory;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;
import dk.munin.state.ProviderWeatherCounts;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.state.WeatherCounts;
import dk.munin.weather.EventTime;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.RoundedPosition;
import dk.munin.weather.WeatherCalls;
import dk.munin.weather.WeatherGap;
import dk.munin.weather.WeatherLookup;
import dk.munin.weather.WeatherProviders;
import dk.munin.weather.WeatherRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static dk.munin.state.RunState.need;

/**
 * WeatherEnrichment: the weather at each positive event's place and start time, written to
 * {@code <output_uri>/weather/event_weather.jsonl}. An event that cannot get weather (no
 * location, no UTC time, every provider down) is marked with the reason and the stage goes on:
 * weather is a nice-to-have beside the detections, never a reason to fail a run.
 */
public class WeatherEnrichment {

    private static final Logger LOG = LoggerFactory.getLogger(WeatherEnrichment.class);
    private static final Stage STAGE = Stage.WEATHER_ENRICHMENT;

    public static final String NO_UTC_TIME = "the event has no UTC time: the camera's time zone is unknown";
    public static final String NO_LOCATION = "the event has no location: its deployment has no coordinates and its photos no GPS";

    private final ObjectStore store;
    private final WeatherProviders.Chain chain;
    private final Set<String> categories;

    /**
     * @param chain      {@link WeatherProviders#named} for munin.weather.providers: a fresh chain per run,
     *                   so what it remembers lives exactly one run
     * @param categories munin.weather.categories: the events that count as positive
     */
    public WeatherEnrichment(ObjectStore store, WeatherProviders.Chain chain, List<String> categories) {
        this.store = store;
        this.chain = chain;
        this.categories = Set.copyOf(categories);
    }

    public ObjectNode enrich(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        EventsFile events = Json.convert(Json.parse(store.read(Location.parse(
                need(STAGE, RunState.STAGE2_POST, state.stage2Post()).eventsUri()))), EventsFile.class);
        Location folder = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri())).resolve(EventWeatherFile.FOLDER);
        int daysBack = state.weatherDaysBack() == null ? 0 : state.weatherDaysBack();
        WeatherRun run = new WeatherRun(store, folder);
        WeatherLookup lookup = chain.forRun(run, daysBack);

        Map<String, EventWeather> weather = new LinkedHashMap<>();
        Map<String, Long> gaps = new TreeMap<>();
        Map<RoundedPosition, List<EventTime>> byPlace = new LinkedHashMap<>();
        for (Event event : events.events()) {
            Optional<Gap> gap = gapOf(event, lookup);
            if (gap.isPresent()) {
                weather.put(event.eventId(), gap.get().weather());
                gaps.merge(gap.get().kind().code(), 1L, Long::sum);
            } else {
                byPlace.computeIfAbsent(RoundedPosition.of(event.latitude(), event.longitude()), p -> new ArrayList<>())
                        .add(new EventTime(event.eventId(), event.startUtc(), offset(event)));
            }
        }
        byPlace.forEach((place, times) -> lookup.weatherAt(place, times).forEach(found -> {
            weather.put(found.eventId(), found);
            if (!found.isAvailable()) {
                gaps.merge(WeatherGap.PROVIDER_HAS_NONE.code(), 1L, Long::sum);
            }
        }));

        List<EventWeather> inOrder = events.events().stream().map(e -> weather.get(e.eventId())).toList();
        EventWeatherFile.write(store, folder, inOrder);
        long without = gaps.values().stream().mapToLong(Long::longValue).sum();
        WeatherCounts counts = new WeatherCounts(folder.uri(), lookup.name(), lookup.attribution(), daysBack,
                inOrder.size() - without, without, gaps, providerCounts(lookup, run));
        LOG.info("Weather for session {}: {} events with weather, {} without {}", state.sessionId(), inOrder.size() - without,
                without, gaps);
        return state.withWeatherEnrichment(counts).toJson();
    }

    /** Why an event is not looked up: left out, switched off, no place or no time. */
    private record Gap(EventWeather weather, WeatherGap kind) {
    }

    private Optional<Gap> gapOf(Event event, WeatherLookup lookup) {
        String category = EventCategory.of(event);
        if (!categories.contains(category)) {
            return Optional.of(new Gap(EventWeather.without(event.eventId(), EventWeather.NEGATIVE, null,
                    "a " + category + " event: munin.weather.categories (" + String.join(", ", categories.stream().sorted().toList())
                            + ") says which events get weather"), WeatherGap.NEGATIVE));
        }
        Optional<String> switchedOff = lookup.unavailableForEveryEvent();
        if (switchedOff.isPresent()) {
            return Optional.of(new Gap(EventWeather.unavailable(event.eventId(), lookup.name(), switchedOff.get()),
                    WeatherGap.PROVIDER_OFF));
        }
        if (!event.hasPosition()) {
            return Optional.of(new Gap(EventWeather.without(event.eventId(), EventWeather.NO_LOCATION, lookup.name(), NO_LOCATION),
                    WeatherGap.NO_LOCATION));
        }
        if (event.startUtc() == null) {
            return Optional.of(new Gap(EventWeather.unavailable(event.eventId(), lookup.name(), NO_UTC_TIME), WeatherGap.NO_UTC_TIME));
        }
        return Optional.empty();
    }

    /** The camera's UTC offset at the event: its local start against its UTC start. */
    private static ZoneOffset offset(Event event) {
        long seconds = Duration.between(event.startUtc(), event.startLocal().toInstant(ZoneOffset.UTC)).toSeconds();
        return ZoneOffset.ofTotalSeconds((int) seconds);
    }

    private static Map<String, ProviderWeatherCounts> providerCounts(WeatherLookup lookup, WeatherRun run) {
        Map<String, WeatherCalls.Counts> calls = run.counts();
        Map<String, String> skipped = lookup.skipped();
        Map<String, Long> events = lookup.eventsWithWeather();
        Map<String, ProviderWeatherCounts> counts = new LinkedHashMap<>();
        for (String provider : lookup.name().split(",")) {
            WeatherCalls.Counts c = calls.getOrDefault(provider, new WeatherCalls.Counts(0, 0, 0, 0));
            counts.put(provider, new ProviderWeatherCounts(c.requests(), c.cacheHits(), c.notModified(), c.failures(),
                    events.getOrDefault(provider, 0L), skipped.get(provider)));
        }
        return counts;
    }
}
