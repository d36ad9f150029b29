package dk.munin.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * WriteParquet: the last stage. Joins the events with their weather into
 * {@code <output_uri>/clusters.parquet}, writes {@code <output_uri>/run_report.json}, and
 * returns the seed's Output Format. Both files are replaced whole on a re-run.
 */
public class WriteParquet {

    public static final String PARQUET_NAME = "clusters.parquet";

    static final String WEATHER_NOT_RUN = "no weather/event_weather.json for this session: weather enrichment did not run";
    static final String NO_WEATHER_ENTRY = "the weather file has no entry for this event";

    private final ObjectStore store;
    private final ClustersParquetWriter parquet;
    private final RunReport report;

    public WriteParquet(ObjectStore store, ClustersParquetWriter parquet, RunReport report) {
        this.store = store;
        this.parquet = parquet;
        this.report = report;
    }

    public ObjectNode write(JsonNode input) {
        RunState state = RunState.of(input);
        EventsFile events = Json.convert(Json.parse(store.read(Location.parse(state.text(RunState.STAGE2_OUTPUT_URI)))),
                EventsFile.class);
        Location output = Location.parse(state.outputUri());
        Location parquetFile = output.resolve(PARQUET_NAME);
        Location reportFile = output.resolve(RunReport.FILE_NAME);
        Optional<String> weatherUri = weatherUri(state);
        Function<Event, EventWeather> weather = weatherOf(weatherUri);

        List<ClusterRow> rows = events.events().stream()
                .map(event -> new ClusterRow(state.sessionId(), event, weather.apply(event)))
                .toList();
        List<Location> created = List.of(parquetFile, reportFile);
        FinalResults results = new FinalResults(parquetFile.uri(), reportFile.uri(), weatherUri.orElse(null), created.size());

        parquet.write(parquetFile, rows);
        report.write(reportFile, state, events, results);

        ObjectNode outputFormat = Json.object();
        outputFormat.put(RunState.SESSION_ID, state.sessionId());
        outputFormat.set("final_results", Json.MAPPER.valueToTree(results));
        return outputFormat;
    }

    private static Optional<String> weatherUri(RunState state) {
        JsonNode uri = state.get(RunState.WEATHER_URI);
        return uri.isTextual() ? Optional.of(uri.asText()) : Optional.empty();
    }

    /** The weather per event; without WeatherEnrichment's file every event is unavailable, with the reason. */
    private Function<Event, EventWeather> weatherOf(Optional<String> weatherUri) {
        Optional<List<EventWeather>> written = weatherUri.flatMap(uri -> EventWeatherFile.read(store, Location.parse(uri)));
        if (written.isEmpty()) {
            return event -> EventWeather.unavailable(event.eventId(), null, WEATHER_NOT_RUN);
        }
        Map<String, EventWeather> byEvent = written.get().stream()
                .collect(Collectors.toMap(EventWeather::eventId, Function.identity(), (first, repeated) -> first));
        return event -> byEvent.getOrDefault(event.eventId(), EventWeather.unavailable(event.eventId(), null, NO_WEATHER_ENTRY));
    }
}
