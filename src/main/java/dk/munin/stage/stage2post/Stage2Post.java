package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.CameraBox;
import dk.munin.cluster.ClusterSettings;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventBuilder;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependenceRules;
import dk.munin.cluster.Photograph;
import dk.munin.cluster.RecordGroup;
import dk.munin.cluster.RecordTable;
import dk.munin.cluster.RepeatDetections;
import dk.munin.cluster.RepeatFlag;
import dk.munin.cluster.Sequences;
import dk.munin.cluster.Sighting;
import dk.munin.cluster.ThresholdSettings;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.BatchOutput;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredLines;
import dk.munin.exif.PhotoRecord;
import dk.munin.manifest.ProjectInfo;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.output.DetectionRow;
import dk.munin.output.DetectionsSchema;
import dk.munin.output.ParquetOutput;
import dk.munin.output.RecordTableCsv;
import dk.munin.output.camtrapdp.CamtrapDpSummary;
import dk.munin.output.camtrapdp.CamtrapDpWriter;
import dk.munin.state.EventCounts;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dk.munin.state.RunState.need;

/**
 * Stage-2: which boxes count (their category's confidence threshold for the model family, and
 * not a repeat detection), the photos' sequences, and the independent records and events per
 * station and species as camtrapR counts them, with the manifest's {@code species_from} and
 * {@code events}. Writes the events to the session's work folder, and record_table.csv and
 * detections.parquet under output_uri.
 */
public class Stage2Post {

    public static final String EVENTS_JSON = "stage2/events.json";
    /** camtrapR's record table, beside clusters.parquet under output_uri. */
    public static final String RECORD_TABLE_CSV = "record_table.csv";
    /** One row per detector box, beside clusters.parquet under output_uri. */
    public static final String DETECTIONS_PARQUET = "detections.parquet";
    /** The boxes flagged as repeat detections, with their reasons, in the session's work folder. */
    public static final String REPEAT_DETECTIONS_JSON = "stage2/repeat_detections.json";

    private static final Stage STAGE = Stage.STAGE2_POST;

    private final ObjectStore store;
    private final ClusterSettings settings;
    private final RepeatDetections repeatDetections;
    private final Sequences sequences;
    private final ParquetOutput parquet;
    private final CamtrapDpExport camtrapDp;
    private final Clock clock;

    /** @param clock when the package was made and the detector's classifications were taken over */
    public Stage2Post(ObjectStore store, ClusterSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.repeatDetections = new RepeatDetections(settings.repeats());
        this.sequences = new Sequences(settings.sequenceGap());
        this.parquet = new ParquetOutput(store);
        this.camtrapDp = new CamtrapDpExport(new CamtrapDpWriter(store));
        this.clock = clock;
    }

    public ObjectNode run(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        String sessionId = need(STAGE, RunState.SESSION_ID, state.sessionId());
        SpeciesFrom speciesFrom = SpeciesFrom.ofManifestName(need(STAGE, RunState.SPECIES_FROM, state.speciesFrom()));
        IndependenceRules rules = IndependenceRules.of(need(STAGE, RunState.EVENTS, state.eventRules()));
        Map<String, PhotoFacts> photos = readPhotos(Location.parse(need(STAGE, RunState.STAGE0_EXIF, state.stage0Exif()).imagesUri()));
        List<DetectedPhoto> results = new ArrayList<>();
        Location detectionsJson = Location.parse(need(STAGE, RunState.MERGE_DETECTIONS, state.mergeDetections()).detectionsUri());
        BatchOutput detections = MegaDetectorFile.stream(() -> store.open(detectionsJson), entry -> results.add(detected(photos, entry)));
        Location work = Location.parse(need(STAGE, RunState.GUARD_BUDGET, state.guardBudget()).workUri());
        Location output = Location.parse(need(STAGE, RunState.OUTPUT_URI, state.outputUri())).asFolder();
        Location inputFolder = Location.parse(need(STAGE, RunState.INPUT_URI, state.inputUri()));

        ThresholdSettings.Applied thresholds = settings.thresholds().applied(detections.info());
        List<RepeatFlag> repeats = repeatDetections.find(allBoxes(photos, results));
        Map<CameraBox, RepeatFlag> flagged = new HashMap<>();
        repeats.forEach(flag -> flagged.putIfAbsent(flag.box(), flag));
        Map<String, String> sequenceOf = sequences.assign(sessionId, frames(photos));
        Boxes boxes = new Boxes(photos, results, thresholds, flagged);
        List<Sighting> sightings = speciesFrom == SpeciesFrom.FOLDER
                ? labelledByFolder(photos, boxes, sequenceOf)
                : byCategory(photos, boxes, sequenceOf);
        Map<Photograph, Sighting> byPhotograph = new HashMap<>();
        sightings.forEach(sighting -> byPhotograph.put(sighting.photograph(), sighting));
        List<RecordGroup> groups = new RecordTable(rules).groups(sightings.stream().map(Sighting::photograph).toList());
        List<Event> events = EventBuilder.events(sessionId, groups, byPhotograph, speciesFrom.manifestName());

        Function<CameraBox, String> eventOfBox = eventOfBox(events, speciesFrom);
        CamtrapDpExport.Outcome camtrapPackage = camtrapDp.write(output, new CamtrapDpExport.Run(sessionId, inputFolder, clock.instant(),
                ProjectInfo.parse(state.project()), speciesFrom, photos.values().stream().filter(p -> !p.failed()).toList(),
                boxes.countedByPhoto(), boxes.failureByPhoto(), events, eventOfBox,
                file -> speciesFrom == SpeciesFrom.FOLDER ? folderLabel(file) : null, eventOfPhoto(events),
                classifiedBy(detections.info()), completionTime(detections.info())));

        Location repeatsFile = work.resolve(REPEAT_DETECTIONS_JSON);
        store.write(repeatsFile, Json.writePretty(repeats.stream().map(Stage2Post::flaggedEntry).toList()));
        Location eventsFile = work.resolve(EVENTS_JSON);
        store.write(eventsFile, Json.writePretty(new EventsFile(sessionId, speciesFrom.manifestName(), rules.toState(),
                thresholds.family().settingName(), thresholds.reason(), thresholds.thresholds(), boxes.photosWithCountedBoxes(),
                boxes.failures(), packageReport(camtrapPackage), events)));
        Location recordTableFile = output.resolve(RECORD_TABLE_CSV);
        store.write(recordTableFile, RecordTableCsv.write(groups.stream().map(RecordGroup::record).toList(), inputFolder));
        Location detectionsFile = output.resolve(DETECTIONS_PARQUET);
        writeDetections(detectionsFile, sessionId, photos, boxes, sequenceOf, eventOfBox);

        return state.withStage2Post(new EventCounts(eventsFile.uri(), speciesFrom.manifestName(), thresholds.family().settingName(),
                thresholds.thresholds(), boxes.total(), boxes.counted(), boxes.photosWithCountedBoxes(), boxes.couldNotRead(),
                Set.copyOf(sequenceOf.values()).size(), events.size(), recordTableFile.uri(), groups.size(), repeats.size(),
                repeatsFile.uri(), detectionsFile.uri(), camtrapPackage.uri())).toJson();
    }

    /** The photos Stage-0 read, as sequences see them: camera (with its station), time, frame and trigger numbers. */
    private static List<Sequences.Frame> frames(Map<String, PhotoFacts> photos) {
        return photos.values().stream().filter(photo -> !photo.failed())
                .map(photo -> new Sequences.Frame(photo.file(), Objects.toString(photo.station(), "") + '\u0000' + camera(photo, photo.file()),
                        photo.local(), photo.sequenceNumber(), photo.eventNumber()))
                .toList();
    }

    /**
     * An entry of detections.json, kept compact and sharing the file name images.jsonl gave.
     *
     * @throws IllegalStateException for a photo Stage-0 did not list: the detector ran on another list
     */
    private static DetectedPhoto detected(Map<String, PhotoFacts> photos, ImageEntry entry) {
        PhotoFacts photo = photos.get(entry.file());
        if (photo == null) {
            throw new IllegalStateException("detections.json names '" + entry.file()
                    + "', which Stage-0 did not list: the detector ran on another photo list");
        }
        return DetectedPhoto.of(entry, photo.file());
    }

    /**
     * Every box of every photo the detector read, on its camera: what repeat-detection
     * elimination looks at. Made one by one as it is read, so only its suspects are ever held.
     */
    private static Collection<CameraBox> allBoxes(Map<String, PhotoFacts> photos, List<DetectedPhoto> results) {
        int total = results.stream().mapToInt(DetectedPhoto::boxCount).sum();
        return new AbstractCollection<>() {
            @Override
            public Iterator<CameraBox> iterator() {
                return results.stream().flatMap(result -> {
                    String camera = camera(photos.get(result.file()), result.file());
                    return IntStream.range(0, result.boxCount()).mapToObj(i -> result.box(i, camera));
                }).iterator();
            }

            @Override
            public int size() {
                return total;
            }
        };
    }

    /** A photo Stage-0 gave no camera is on the camera of its folder: unknown cameras are not lumped together. */
    static String camera(PhotoFacts photo, String file) {
        if (photo != null && photo.camera() != null) {
            return photo.camera();
        }
        int slash = file.lastIndexOf('/');
        return slash < 0 ? "" : file.substring(0, slash);
    }

    /** Without human labels a record is of a detector category: one sighting per category with boxes that count. */
    private static List<Sighting> byCategory(Map<String, PhotoFacts> photos, Boxes boxes, Map<String, String> sequenceOf) {
        List<Sighting> sightings = new ArrayList<>();
        boxes.countedByPhoto().forEach((file, counted) -> {
            PhotoFacts photo = photos.get(file);
            Map<String, List<CameraBox>> byCategory = new LinkedHashMap<>();
            counted.forEach(box -> byCategory.computeIfAbsent(box.category(), category -> new ArrayList<>()).add(box));
            byCategory.forEach((category, categoryBoxes) -> sightings.add(sighting(photo, category, categoryBoxes, sequenceOf)));
        });
        return sightings;
    }

    /**
     * camtrapR's {@code IDfrom = "directory"}: every photo Stage-0 read is a record of the species
     * its folder names, whatever the detector says; the boxes that count are attached. A photo
     * directly under input_uri has no species folder and is no record.
     */
    private static List<Sighting> labelledByFolder(Map<String, PhotoFacts> photos, Boxes boxes, Map<String, String> sequenceOf) {
        List<Sighting> sightings = new ArrayList<>();
        for (PhotoFacts photo : photos.values()) {
            String species = folderLabel(photo.file());
            if (photo.failed() || species == null) {
                continue;
            }
            sightings.add(sighting(photo, species, boxes.countedByPhoto().getOrDefault(photo.file(), List.of()), sequenceOf));
        }
        return sightings;
    }

    /** The name of the folder that holds the photo: its species label; null for a photo directly under input_uri. */
    private static String folderLabel(String file) {
        String folder = new Photograph(file, null, null, null, null).directory();
        return folder.isEmpty() ? null : folder.substring(folder.lastIndexOf('/') + 1);
    }

    /**
     * The detector as Camtrap DP's classifiedBy names it: the model, and the version of what ran
     * it (Munin's detector, or MegaDetector's own version for a precomputed file) when the file says.
     */
    private static String classifiedBy(JsonNode info) {
        String detector = info.path("detector").asText("detector not named in detections.json");
        JsonNode metadata = info.path("detector_metadata");
        String version = metadata.path("munin_detector_version").asText(
                metadata.path("precomputed_detector_metadata").path("megadetector_version").asText(""));
        return version.isEmpty() ? detector : detector + " (" + version + ")";
    }

    /** detections.json's detection_completion_time (MegaDetector writes it in UTC, without a zone), or null. */
    private static OffsetDateTime completionTime(JsonNode info) {
        String time = info.path("detection_completion_time").asText("");
        return time.matches(BatchInfo.COMPLETION_TIME_PATTERN)
                ? LocalDateTime.parse(time.replace(' ', 'T')).atOffset(ZoneOffset.UTC) : null;
    }

    /** With folder labels a photo is in one event, its label's. */
    private static Function<String, String> eventOfPhoto(List<Event> events) {
        Map<String, String> eventOf = new HashMap<>();
        events.forEach(event -> event.files().forEach(file -> eventOf.put(file, event.eventId())));
        return eventOf::get;
    }

    private static EventsFile.CamtrapDpPackage packageReport(CamtrapDpExport.Outcome outcome) {
        CamtrapDpSummary summary = outcome.summary();
        if (summary == null) {
            return new EventsFile.CamtrapDpPackage(null, 0, 0, 0, Map.of(), outcome.skippedBecause());
        }
        Map<String, Long> leftOut = summary.leftOutByReason().stream().collect(Collectors.toMap(
                left -> left.table().name().toLowerCase(Locale.ROOT) + ": " + left.reason(),
                CamtrapDpSummary.LeftOutCount::count, Long::sum, TreeMap::new));
        if (outcome.deploymentsLeftOut() > 0) {
            leftOut.put(CamtrapDpExport.Outcome.DEPLOYMENTS_WITHOUT_TIME, (long) outcome.deploymentsLeftOut());
            leftOut.put(CamtrapDpExport.Outcome.MEDIA_OF_DEPLOYMENTS_WITHOUT_TIME, (long) outcome.mediaLeftOut());
        }
        return new EventsFile.CamtrapDpPackage(outcome.uri(), summary.deployments(), summary.media(), summary.observations(),
                leftOut, null);
    }

    private static Sighting sighting(PhotoFacts photo, String species, List<CameraBox> boxes, Map<String, String> sequenceOf) {
        return new Sighting(new Photograph(photo.file(), photo.station(), photo.camera(), species, photo.local(), photo.sequenceNumber()),
                photo.utc(),
                photo.latitude(), photo.longitude(), photo.issues(), sequenceOf.get(photo.file()), boxes);
    }

    /**
     * The event a counted box is part of: the event of its photo and species, which is the box's
     * category without labels, and the photo's folder label with them (one event per photo then).
     */
    private static Function<CameraBox, String> eventOfBox(List<Event> events, SpeciesFrom speciesFrom) {
        Map<String, String> eventOf = new HashMap<>();
        for (Event event : events) {
            for (String file : event.files()) {
                eventOf.put(speciesFrom == SpeciesFrom.FOLDER ? file : file + '\u0000' + event.species(), event.eventId());
            }
        }
        return speciesFrom == SpeciesFrom.FOLDER
                ? box -> eventOf.get(box.photoId())
                : box -> eventOf.get(box.photoId() + '\u0000' + box.category());
    }

    private void writeDetections(Location target, String sessionId, Map<String, PhotoFacts> photos, Boxes boxes,
                                 Map<String, String> sequenceOf, Function<CameraBox, String> eventOf) {
        parquet.write(target, DetectionsSchema.SCHEMA, Map.of(DetectionsSchema.VERSION_KEY, DetectionsSchema.VERSION),
                writer -> boxes.forEach((box, status, repeat) -> {
                    PhotoFacts photo = photos.get(box.photoId());
                    String eventId = DetectionRow.COUNTED.equals(status) ? eventOf.apply(box) : null;
                    writer.accept(DetectionsSchema.record(new DetectionRow(sessionId, box.photoId(),
                            photo == null ? null : photo.station(), box.camera(), photo == null ? null : photo.deploymentId(),
                            photo == null ? null : photo.local(), photo == null ? null : photo.utc(),
                            sequenceOf.get(box.photoId()), box.category(), box.conf(), box.x(), box.y(), box.w(), box.h(),
                            status, repeat == null ? null : repeat.reason(), eventId)));
                }));
    }

    /** A flagged box as repeat_detections.json lists it. */
    private static Map<String, Object> flaggedEntry(RepeatFlag flag) {
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

    private Map<String, PhotoFacts> readPhotos(Location imagesJsonl) {
        Map<String, PhotoFacts> photos = new LinkedHashMap<>();
        PhotoFacts.Reader facts = new PhotoFacts.Reader();
        new StoredLines(store).read(imagesJsonl, line -> {
            if (!line.isBlank()) {
                PhotoFacts photo = facts.of(Json.convert(Json.parse(line), PhotoRecord.class));
                photos.put(photo.file(), photo);
            }
            return true;
        });
        return photos;
    }
}
