package dk.munin.output;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.Event;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.weather.EventWeather;
import dk.munin.weather.EventWeatherFile;
import dk.munin.weather.TestEvents;
import dk.munin.workflow.HistoryEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A finished run's state and work files in a temporary folder, as the earlier stages leave them. */
final class RunFixture {

    static final String EXECUTION_ID = "arn:aws:states:eu-north-1:000000000000:execution:munin:run-1";
    static final Instant STARTED = Instant.parse("2024-05-01T12:00:00Z");
    static final Clock NOW = Clock.fixed(Instant.parse("2024-05-01T12:05:00Z"), ZoneOffset.UTC);

    /** Three states of the run, in the order entered; WriteParquet itself is still running. */
    static final List<HistoryEntry> HISTORY = List.of(
            new HistoryEntry("RecordExecution", "Pass", STARTED, STARTED, "succeeded", null, 1),
            new HistoryEntry("GuardBudget", "Task", Instant.parse("2024-05-01T12:00:00.100Z"),
                    Instant.parse("2024-05-01T12:00:01.350Z"), "succeeded", null, 2),
            new HistoryEntry("WriteParquet", "Task", Instant.parse("2024-05-01T12:04:59Z"), null, "running", null, 1));

    final LocalFileStore store = new LocalFileStore();
    final Location output;
    final Location input;

    RunFixture(Path temp) {
        output = Location.of(temp.resolve("out"));
        input = Location.of(temp.resolve("photos"));
    }

    static EventWeather availableWeather(String eventId) {
        return new EventWeather(eventId, EventWeather.AVAILABLE, null, "metno", Instant.parse("2024-05-01T12:00:00Z"),
                14.2, 61.0, 4.1, 250.0, 40.5, 1012.3, 0.0, 1, "partlycloudy_day");
    }

    /** The state WriteParquet receives; weather is left out when {@code weather} is null. */
    ObjectNode state(List<Event> events, List<EventWeather> weather) {
        ObjectNode state = Json.object();
        state.put(RunState.SESSION_ID, TestEvents.SESSION_ID);
        state.put(RunState.INPUT_URI, input.uri());
        state.put(RunState.OUTPUT_URI, output.uri());
        state.put(RunState.BUDGET_DKK, 25.0);
        ObjectNode execution = state.putObject(RunState.EXECUTION);
        execution.put("id", EXECUTION_ID);
        execution.put("start_time", STARTED.toString());
        state.putObject(RunState.BUDGET).put("budget_dkk", 25.0);
        state.putObject(RunState.COST_ESTIMATE).put("estimated_cost", 0.56).put("file_count", 5);
        ObjectNode stage0 = state.putObject(RunState.STAGE0);
        stage0.put("photos_listed", 5).put("photos_read", 3).put("photos_failed", 2);
        state.put(RunState.STAGE0_OUTPUT_URI, writeImagesJsonl().uri());
        ObjectNode stage2 = state.putObject(RunState.STAGE2);
        stage2.put("detections", 9).put("detections_above_threshold", 7).put("photos_with_detections", 3).put("events", events.size());
        state.put(RunState.STAGE2_OUTPUT_URI, TestEvents.writeEventsFile(store, output, events));
        if (weather != null) {
            Location folder = output.resolve(EventWeatherFile.FOLDER);
            EventWeatherFile.write(store, folder, weather);
            state.put(RunState.WEATHER_URI, folder.uri());
            state.putObject(RunState.WEATHER).put("provider", "metno").put("events_with_weather", 1).put("events_without_weather", 1);
        }
        return state;
    }

    /** Five photos, the second and fourth unreadable, one with a non-ASCII name. */
    private Location writeImagesJsonl() {
        String lines = String.join("\n",
                "{\"file\":\"StationA/IMG_0001.JPG\",\"uri\":\"" + input.resolve("StationA/IMG_0001.JPG").uri() + "\",\"error\":null}",
                "{\"file\":\"StationA/Ræv 0002.JPG\",\"uri\":\"" + input.resolve("StationA/Ræv 0002.JPG").uri() + "\",\"error\":\"File is empty\"}",
                "{\"file\":\"StationA/IMG_0003.JPG\",\"uri\":\"" + input.resolve("StationA/IMG_0003.JPG").uri() + "\",\"error\":null}",
                "{\"file\":\"StationB/IMG_0004.JPG\",\"uri\":\"" + input.resolve("StationB/IMG_0004.JPG").uri() + "\",\"error\":\"not a JPEG\"}",
                "{\"file\":\"StationB/IMG_0005.JPG\",\"uri\":\"" + input.resolve("StationB/IMG_0005.JPG").uri() + "\",\"error\":null}") + "\n";
        Location images = output.resolve("stage0/images.jsonl");
        store.write(images, lines.getBytes(StandardCharsets.UTF_8));
        return images;
    }
}
