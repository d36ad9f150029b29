package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.CameraBox;
import dk.munin.cluster.ClusterSettings;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventGrouper;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependentRecord;
import dk.munin.cluster.Photograph;
import dk.munin.cluster.RecordTable;
import dk.munin.cluster.RepeatDetections;
import dk.munin.cluster.RepeatFlag;
import dk.munin.cluster.Sighting;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorCategories;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;
import dk.munin.exif.PhotoRecord;
import dk.munin.output.RecordTableCsv;
import dk.munin.state.EventCounts;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dk.munin.state.RunState.need;

/**
 * Stage-2: keeps the detections at or above the confidence threshold, joins them with each
 * photo's camera, time and position from Stage-0, and groups them into independent events.
 * Writes the events to the session's work folder.
 */
public class Stage2Post {

    public static final String EVENTS_JSON = "stage2/events.json";
    /** camtrapR's record table, beside clusters.parquet under output_uri. */
    public static final String RECORD_TABLE_CSV = "record_table.csv";
    /** The boxes flagged as repeat detections, with their reasons, in the session's work folder. */
    public static final String REPEAT_DETECTIONS_JSON = "stage2/repeat_detections.json";

    private static final Stage STAGE = Stage.STAGE2_POST;

    private final ObjectStore store;
    private final EventGrouper grouper;
    private final double confidenceThreshold;
    private final int eventGapMinutes;
    private final RecordTable recordTable;
    private final RepeatDetections repeatDetections;

    public Stage2Post(ObjectStore store, ClusterSettings settings) {
        this.store = store;
        this.confidenceThreshold = settings.confidenceThreshold();
        this.eventGapMinutes = settings.eventGapMinutes();
        this.grouper = new EventGrouper(Duration.ofMinutes(eventGapMinutes));
        this.recordTable = new RecordTable(settings.records());
        this.repeatDetections = new RepeatDetections(settings.repeats());
    }

    public ObjectNode run(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        String sessionId = need(STAGE, RunState.SESSION_ID, state.sessionId());
        Map<String, PhotoRecord> photos = readPhotos(Location.parse(need(STAGE, RunState.STAGE0_EXIF, state.stage0Exif()).imagesUri()));
        List<ImageEntry> results = MegaDetectorFile.read(store.read(Location.parse(
                need(STAGE, RunState.MERGE_DETECTIONS, state.mergeDetections()).detectionsUri()))).images();

        Counts counts = new Counts();
        Location work = Location.parse(need(STAGE, RunState.GUARD_BUDGET, state.guardBudget()).workUri());
        List<RepeatFlag> repeats = repeatDetections.find(boxes(photos, results));
        Location repeatsFile = work.resolve(REPEAT_DETECTIONS_JSON);
        store.write(repeatsFile, Json.writePretty(repeats.stream().map(Stage2Post::flagged).toList()));
        Set<CameraBox> flagged = repeats.stream().map(RepeatFlag::box).collect(Collectors.toSet());
        List<Sighting> sightings = sightings(photos, results, flagged, counts);
        List<Event> events = grouper.group(sessionId, sightings);

        Location eventsFile = work.resolve(EVENTS_JSON);
        store.write(eventsFile, Json.writePretty(new EventsFile(sessionId, confidenceThreshold, eventGapMinutes,
                counts.photosWithDetections, events)));
        List<IndependentRecord> records = recordTable.records(sightings.stream().map(Stage2Post::photograph).toList());
        Location recordTableFile = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri())).asFolder().resolve(RECORD_TABLE_CSV);
        store.write(recordTableFile, RecordTableCsv.write(records, Location.parse(need(STAGE, RunState.INPUT_URI, state.inputUri()))));
        return state.withStage2Post(new EventCounts(eventsFile.uri(), confidenceThreshold, eventGapMinutes, counts.detections,
                counts.aboveThreshold, counts.photosWithDetections, counts.detectorFailures, events.size(),
                recordTableFile.uri(), records.size(), repeats.size(), repeatsFile.uri())).toJson();
    }

    /** Every box of every photo the detector read, on its camera: what repeat-detection elimination looks at. */
    private static List<CameraBox> boxes(Map<String, PhotoRecord> photos, List<ImageEntry> results) {
        List<CameraBox> boxes = new ArrayList<>();
        for (ImageEntry result : results) {
            if (result.failure() != null || result.detections() == null) {
                continue;
            }
            for (Detection detection : result.detections()) {
                boxes.add(box(result.file(), camera(photos.get(result.file()), result.file()), detection));
            }
        }
        return boxes;
    }

    private static CameraBox box(String file, String camera, Detection detection) {
        return CameraBox.of(file, camera, MegaDetectorCategories.name(detection.category()), detection.conf(), detection.bbox());
    }

    /** A photo Stage-0 gave no camera is on the camera of its folder: unknown cameras are not lumped together. */
    private static String camera(PhotoRecord photo, String file) {
        if (photo != null && photo.camera() != null) {
            return photo.camera();
        }
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** A flagged box as repeat_detections.json lists it. */
    private static Map<String, Object> flagged(RepeatFlag flag) {
        CameraBox box = flag.box();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file", box.photoId());
        entry.put("camera", box.camera());
        entry.put("category", box.category());
        entry.put("conf", box.conf());
        entry.put("bbox", List.of(box.x(), box.y(), box.w(), box.h()));
        entry.put("reason", flag.reason());
        return entry;
    }

    /** Without human labels a record is of a detector category (animal, person, vehicle). */
    private static Photograph photograph(Sighting sighting) {
        return new Photograph(sighting.file(), sighting.station(), sighting.camera(), sighting.category(), sighting.localTime());
    }

    private List<Sighting> sightings(Map<String, PhotoRecord> photos, List<ImageEntry> results, Set<CameraBox> flagged,
                                     Counts counts) {
        List<Sighting> sightings = new ArrayList<>();
        for (ImageEntry result : results) {
            if (result.failure() != null) {
                counts.detectorFailures++;
                continue;
            }
            counts.detections += result.detections().size();
            Map<String, List<Detection>> byCategory = new LinkedHashMap<>();
            for (Detection detection : result.detections()) {
                if (detection.conf() >= confidenceThreshold
                        && !flagged.contains(box(result.file(), camera(photos.get(result.file()), result.file()), detection))) {
                    byCategory.computeIfAbsent(MegaDetectorCategories.name(detection.category()), c -> new ArrayList<>()).add(detection);
                    counts.aboveThreshold++;
                }
            }
            if (byCategory.isEmpty()) {
                continue;
            }
            counts.photosWithDetections++;
            PhotoRecord photo = photos.get(result.file());
            if (photo == null) {
                throw new IllegalStateException("detections.json names '" + result.file()
                        + "', which Stage-0 did not list: the detector ran on another photo list");
            }
            byCategory.forEach((category, detections) -> sightings.add(sighting(photo, category, detections)));
        }
        return sightings;
    }

    private static Sighting sighting(PhotoRecord photo, String category, List<Detection> detections) {
        return new Sighting(photo.file(), photo.station(), photo.camera(), category,
                photo.datetimeLocal() == null ? null : LocalDateTime.parse(photo.datetimeLocal()),
                photo.datetimeUtc() == null ? null : Instant.parse(photo.datetimeUtc()),
                detections.size(),
                detections.stream().mapToDouble(Detection::conf).max().orElse(0),
                photo.latitude(), photo.longitude(), photo.sequenceNumber());
    }

    private Map<String, PhotoRecord> readPhotos(Location imagesJsonl) {
        Map<String, PhotoRecord> photos = new LinkedHashMap<>();
        new StoredLines(store).read(imagesJsonl, line -> {
            if (!line.isBlank()) {
                PhotoRecord photo = Json.convert(Json.parse(line), PhotoRecord.class);
                photos.put(photo.file(), photo);
            }
            return true;
        });
        return photos;
    }

    private static final class Counts {
        int detections;
        int aboveThreshold;
        int photosWithDetections;
        int detectorFailures;
    }
}
