package dk.munin.stage.writeparquet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.budget.CostMetric;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.output.ClusterRow;
import dk.munin.output.ClustersParquetWriter;
import dk.munin.output.EventWeatherCsv;
import dk.munin.output.RunReport;
import dk.munin.output.camtrapdp.CamtrapDp;
import dk.munin.output.report.ReportPage;
import dk.munin.state.FinalResults;
import dk.munin.state.Json;
import dk.munin.state.RunResult;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import dk.munin.state.WeatherCounts;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dk.munin.state.RunState.need;

/**
 * WriteParquet: the last stage. Joins the events with their weather into
 * {@code <output_uri>/clusters.parquet} (and the weather beside the Camtrap DP package,
 * {@code weather/event_weather.csv}), writes {@code <output_uri>/report.html} (the page a
 * researcher reads, with its thumbnails under report/) and {@code <output_uri>/run_report.json},
 * and returns the seed's Output Format. Each file is replaced whole on a re-run.
 */
public class WriteParquet {

    public static final String PARQUET_NAME = "clusters.parquet";

    static final String WEATHER_NOT_RUN = "no weather/event_weather.jsonl for this session: weather enrichment did not run";
    static final String NO_WEATHER_ENTRY = "the weather file has no entry for this event";

    private static final Stage STAGE = Stage.WRITE_PARQUET;

    private final ObjectStore store;
    private final ClustersParquetWriter parquet;
    private final RunReport report;
    private final ReportPage page;
    private final CostMetric spent;

    /**
     * @param page  report.html, made from the run report just before that is written
     * @param spent logs what the run spent, by its report's accounting, as the CloudWatch metric SpentRunCostDkk
     */
    public WriteParquet(ObjectStore store, ClustersParquetWriter parquet, RunReport report, ReportPage page, CostMetric spent) {
        this.store = store;
        this.parquet = parquet;
        this.report = report;
        this.page = page;
        this.spent = spent;
    }

    public ObjectNode write(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        String sessionId = need(STAGE, RunState.SESSION_ID, state.sessionId());
        EventsFile events = Json.convert(Json.parse(store.read(Location.parse(
                need(STAGE, RunState.STAGE2_POST, state.stage2Post()).eventsUri()))), EventsFile.class);
        Location output = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri()));
        Location parquetFile = output.resolve(PARQUET_NAME);
        Location reportFile = output.resolve(RunReport.FILE_NAME);
        Location pageFile = output.resolve(ReportPage.FILE_NAME);
        Optional<String> weatherUri = Optional.ofNullable(state.weatherEnrichment()).map(WeatherCounts::weatherUri);
        Function<Event, EventWeather> weather = weatherOf(weatherUri);

        List<ClusterRow> rows = events.events().stream()
                .map(event -> new ClusterRow(sessionId, event, weather.apply(event)))
                .toList();
        FinalResults results = new FinalResults(parquetFile.uri(), reportFile.uri(), weatherUri.orElse(null),
                filesCreated(state, parquetFile, pageFile, reportFile));

        weatherUri.ifPresent(folder -> store.write(Location.parse(folder).resolve(EventWeatherCsv.NAME), EventWeatherCsv.write(rows)));
        parquet.write(parquetFile, rows);
        JsonNode actual = report.write(reportFile, state, events, results, new RunReport.Companion() {
            @Override
            public Location location() {
                return pageFile;
            }

            @Override
            public String field() {
                return ReportPage.SUMMARY_FIELD;
            }

            @Override
            public JsonNode write(ObjectNode built) {
                return page.write(pageFile, built, state, events, weather);
            }
        }).at("/cost/actual/total_dkk");
        if (actual.isNumber()) {
            spent.recordSpent(actual.asDouble(), state.execution() == null ? null : state.execution().id(), sessionId);
        }
        return Json.MAPPER.valueToTree(new RunResult(sessionId, results));
    }

    /** Every artefact the run wrote, in the order the stages wrote them, this stage's three last. */
    private static List<String> filesCreated(RunState state, Location parquetFile, Location pageFile, Location reportFile) {
        List<String> files = new ArrayList<>();
        Optional.ofNullable(state.stage0Exif()).ifPresent(stage0 -> files.add(stage0.imagesUri()));
        Optional.ofNullable(state.mergeDetections()).ifPresent(merged -> files.add(merged.detectionsUri()));
        Optional.ofNullable(state.stage2Post()).ifPresent(stage2 -> {
            files.add(stage2.eventsUri());
            files.add(stage2.recordTableUri());
            files.add(stage2.detectionsParquetUri());
            Optional.ofNullable(stage2.camtrapDpUri()).ifPresent(descriptor -> {
                String folder = descriptor.substring(0, descriptor.lastIndexOf('/') + 1);
                for (CamtrapDp.Table table : CamtrapDp.Table.values()) {
                    files.add(folder + table.path());
                }
                files.add(descriptor);
            });
        });
        Optional.ofNullable(state.weatherEnrichment())
                .ifPresent(weather -> {
                    files.add(Location.parse(weather.weatherUri()).resolve(EventWeatherFile.NAME).uri());
                    files.add(Location.parse(weather.weatherUri()).resolve(EventWeatherCsv.NAME).uri());
                });
        files.add(parquetFile.uri());
        files.add(pageFile.uri());
        files.add(reportFile.uri());
        return files;
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
