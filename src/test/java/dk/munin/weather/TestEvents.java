package dk.munin.weather;

import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Events as Stage-2 writes them, for the weather and output tests. */
public final class TestEvents {

    public static final String SESSION_ID = "session-2024-05";

    private TestEvents() {
    }

    /** An event of one photo at a Danish camera (UTC+2 in May), or without UTC time/position when null. */
    public static Event event(String id, Instant startUtc, Double latitude, Double longitude) {
        LocalDateTime local = LocalDateTime.ofInstant(startUtc == null ? Instant.parse("2024-05-01T12:00:00Z") : startUtc,
                ZoneOffset.ofHours(2));
        return new Event(id, "StationA", "StationA-cam1", "animal", local, local.plusMinutes(1),
                startUtc, startUtc == null ? null : startUtc.plusSeconds(60), 3, 4, 0.91, latitude, longitude,
                List.of("StationA/IMG_0001.JPG", "StationA/IMG_0002.JPG", "StationA/IMG_0003.JPG"));
    }

    /** Writes the events file through the store, as Stage-2 does, and returns its URI. */
    public static String writeEventsFile(ObjectStore store, Location output, List<Event> events) {
        Location file = output.resolve("_work/" + SESSION_ID + "/stage2/events.json");
        store.write(file, Json.writePretty(new EventsFile(SESSION_ID, 0.3, 30, events.size(), events)));
        return file.uri();
    }
}
