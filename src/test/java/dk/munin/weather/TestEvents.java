package dk.munin.weather;

import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Events as Stage-2 writes them, for the weather and output tests. */
public final class TestEvents {

    public static final String SESSION_ID = "session-2024-05";
    public static final ConfidenceThresholds THRESHOLDS = new ConfidenceThresholds(0.65, 0.65, 0.65);
    public static final IndependenceRules RULES = new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of());

    private TestEvents() {
    }

    /** An event of one photo at a Danish camera (UTC+2 in May), or without UTC time/position when null. */
    public static Event event(String id, Instant startUtc, Double latitude, Double longitude) {
        LocalDateTime local = LocalDateTime.ofInstant(startUtc == null ? Instant.parse("2024-05-01T12:00:00Z") : startUtc,
                ZoneOffset.ofHours(2));
        return new Event(id, "StationA", "StationA", "animal", "detector", local, local.plusMinutes(1),
                startUtc, startUtc == null ? null : startUtc.plusSeconds(60), 3, 4, 2, 0.91, "StationA/IMG_0002.JPG",
                new Event.Box("animal", 0.91, List.of(0.1, 0.2, 0.3, 0.4)), latitude, longitude, false,
                List.of(), List.of(SESSION_ID + "-S000001"),
                List.of("StationA/IMG_0001.JPG", "StationA/IMG_0002.JPG", "StationA/IMG_0003.JPG"));
    }

    /** The same event of another species, named by the detector or by a person's folder. */
    public static Event ofSpecies(Event e, String species, String speciesFrom) {
        return new Event(e.eventId(), e.station(), e.camera(), species, speciesFrom, e.startLocal(), e.endLocal(), e.startUtc(),
                e.endUtc(), e.photoCount(), e.detectionCount(), e.maxBoxesInPhoto(), e.maxConf(), e.bestFile(), e.bestBox(),
                e.latitude(), e.longitude(), e.timeUnusable(), e.timestampIssues(), e.sequences(), e.files());
    }

    /** The photo of RunFixture's images.jsonl that Stage-0 read but the detector could not. */
    public static final EventsFile.DetectorFailure DETECTOR_FAILURE = new EventsFile.DetectorFailure("StationA/IMG_0003.JPG",
            "image access failure");

    /** Writes the events file through the store, as Stage-2 does, and returns its URI. */
    public static String writeEventsFile(ObjectStore store, Location output, List<Event> events) {
        Location file = output.resolve("_work/" + SESSION_ID + "/stage2/events.json");
        store.write(file, Json.writePretty(new EventsFile(SESSION_ID, "detector", RULES.toState(), "fastestdet",
                "the detections file's detector 'FastestDet.onnx'", THRESHOLDS, events.size(), List.of(DETECTOR_FAILURE),
                new EventsFile.CamtrapDpPackage(null, 0, 0, 0, Map.of(), "deployment 'StationA': has no latitude and longitude"), events)));
        return file.uri();
    }
}
