package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.ClusterSettings;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependenceRules;
import dk.munin.cluster.ModelFamily;
import dk.munin.cluster.RepeatDetectionSettings;
import dk.munin.cluster.ThresholdSettings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class Stage2PostTest {

    @TempDir
    Path dir;

    /** The thresholds of application.properties, each family's apart so a test sees which applied. */
    public static final ClusterSettings SETTINGS = new ClusterSettings(new ThresholdSettings(Optional.empty(), ModelFamily.COCO,
            Map.of(ModelFamily.MEGADETECTOR_V5, new ConfidenceThresholds(0.2, 0.2, 0.2),
                    ModelFamily.MEGADETECTOR_V4, new ConfidenceThresholds(0.8, 0.8, 0.8),
                    ModelFamily.FASTESTDET, new ConfidenceThresholds(0.65, 0.65, 0.65),
                    ModelFamily.COCO, new ConfidenceThresholds(0.3, 0.3, 0.3))),
            Duration.ofSeconds(60), RepeatDetectionSettings.MEGADETECTOR_DEFAULTS);
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2024-07-01T08:00:00Z"), ZoneOffset.UTC);
    private static final IndependenceRules RULES = new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of());

    private final LocalFileStore store = new LocalFileStore();
    private final Stage2Post stage = new Stage2Post(store, SETTINGS, CLOCK);

    @Test
    void groupsDetectionsAboveTheThresholdIntoEventsAndCountsWhatItSaw() throws IOException {
        imagesJsonl("""
                {"file":"S1/a.jpg","station":"S1","camera":"S1","datetime_local":"2024-06-01T21:00:00","datetime_utc":"2024-06-01T19:00:00Z","latitude":56.0,"longitude":10.0,"error":null}
                {"file":"S1/b.jpg","station":"S1","camera":"S1","datetime_local":"2024-06-01T21:10:00","datetime_utc":"2024-06-01T19:10:00Z","latitude":56.0,"longitude":10.0,"error":null}
                {"file":"S1/c.jpg","station":"S1","camera":"S1","datetime_local":"2024-06-01T23:00:00","datetime_utc":null,"latitude":null,"longitude":null,"error":null}
                {"file":"S1/empty.jpg","station":"S1","camera":"S1","datetime_local":null,"error":"empty file (0 bytes)"}
                """);
        detectionsJson("""
                {"info":{"format_version":"1.4"},"detection_categories":{"1":"animal","2":"person","3":"vehicle"},
                 "images":[
                  {"file":"S1/a.jpg","detections":[{"category":"1","conf":0.9,"bbox":[0.1,0.1,0.2,0.2]},{"category":"2","conf":0.5,"bbox":[0.5,0.5,0.1,0.3]}]},
                  {"file":"S1/b.jpg","detections":[{"category":"1","conf":0.6,"bbox":[0.1,0.1,0.2,0.2]},{"category":"1","conf":0.2,"bbox":[0.6,0.1,0.2,0.2]}]},
                  {"file":"S1/c.jpg","detections":[{"category":"1","conf":0.29,"bbox":[0.1,0.1,0.2,0.2]}]},
                  {"file":"S1/empty.jpg","failure":"image could not be decoded","detections":null}]}
                """);

        JsonNode state = (stage.run(state()));

        ObjectNode summary = (ObjectNode) state.get("stage2_post");
        assertThat(summary.path("model_family").asText()).as("a file that names no model: the fallback").isEqualTo("coco");
        assertThat(summary.path("detections").asInt()).isEqualTo(5);
        assertThat(summary.path("detections_counted").asInt()).isEqualTo(3);
        assertThat(summary.path("photos_with_detections").asInt()).isEqualTo(2);
        assertThat(summary.path("detector_failures").asInt()).isEqualTo(1);
        assertThat(summary.path("events").asInt()).isEqualTo(2);
        assertThat(summary.path("records").asInt()).isEqualTo(2);
        assertThat(summary.path("sequences").asInt()).as("a, b and c are minutes apart; empty.jpg was never read").isEqualTo(3);

        EventsFile events = eventsFile(state);
        assertThat(events.events()).extracting(e -> e.species() + ":" + e.photoCount() + ":" + e.detectionCount())
                .containsExactly("animal:2:2", "person:1:1");
        Event animals = events.events().get(0);
        assertThat(animals.startUtc()).hasToString("2024-06-01T19:00:00Z");
        assertThat(animals.endLocal()).hasToString("2024-06-01T21:10");
        assertThat(animals.latitude()).isEqualTo(56.0);
        assertThat(animals.maxBoxesInPhoto()).isEqualTo(1);
        assertThat(animals.bestFile()).isEqualTo("S1/a.jpg");
        assertThat(animals.bestBox()).isEqualTo(new Event.Box("animal", 0.9, List.of(0.1, 0.1, 0.2, 0.2)));
        assertThat(events.detectorFailures()).containsExactly(new EventsFile.DetectorFailure("S1/empty.jpg", "image could not be decoded"));
        assertThat(state.at("/stage2_post/events_uri").asText()).startsWith(state.at("/guard_budget/work_uri").asText());
    }

    @Test
    void theThresholdsAreThoseOfTheModelFamilyTheDetectionsFileNames() throws IOException {
        imagesJsonl("""
                {"file":"S1/a.jpg","station":"S1","camera":"S1","datetime_local":"2024-06-01T21:00:00","error":null}
                """);
        String detections = """
                {"info":{"format_version":"1.4","detector":"%s"},"images":[
                  {"file":"S1/a.jpg","detections":[{"category":"1","conf":0.25,"bbox":[0.1,0.1,0.2,0.2]},{"category":"2","conf":0.85,"bbox":[0.5,0.5,0.1,0.3]}]}]}
                """;

        detectionsJson(detections.formatted("md_v5a.0.0.pt"));
        JsonNode v5 = stage.run(state()).get("stage2_post");
        detectionsJson(detections.formatted("md_v4.1.0.pb"));
        JsonNode v4 = stage.run(state()).get("stage2_post");

        assertThat(v5.path("model_family").asText()).isEqualTo("megadetector-v5");
        assertThat(v5.path("thresholds")).isEqualTo(Json.parse("{\"animal\":0.2,\"person\":0.2,\"vehicle\":0.2}"));
        assertThat(v5.path("detections_counted").asInt()).as("0.25 and 0.85 at v5's 0.2").isEqualTo(2);
        assertThat(v4.path("model_family").asText()).isEqualTo("megadetector-v4");
        assertThat(v4.path("detections_counted").asInt()).as("only 0.85 at v4's 0.8").isEqualTo(1);
    }

    @Test
    void aThresholdPerCategory() throws IOException {
        Stage2Post strictOnPeople = new Stage2Post(store, new ClusterSettings(new ThresholdSettings(Optional.of(ModelFamily.COCO),
                ModelFamily.COCO, Map.of(ModelFamily.COCO, new ConfidenceThresholds(0.3, 0.9, 0.5))), Duration.ofSeconds(60),
                RepeatDetectionSettings.MEGADETECTOR_DEFAULTS), CLOCK);
        imagesJsonl("""
                {"file":"S1/a.jpg","station":"S1","camera":"S1","datetime_local":"2024-06-01T21:00:00","error":null}
                """);
        detectionsJson("""
                {"info":{"format_version":"1.4","detector":"md_v5a.0.0.pt"},"images":[
                  {"file":"S1/a.jpg","detections":[{"category":"1","conf":0.4,"bbox":[0.1,0.1,0.2,0.2]},
                   {"category":"2","conf":0.8,"bbox":[0.5,0.5,0.1,0.3]},{"category":"3","conf":0.6,"bbox":[0.5,0.1,0.1,0.1]}]}]}
                """);

        JsonNode state = strictOnPeople.run(state());

        assertThat(state.at("/stage2_post/model_family").asText()).as("munin.cluster.threshold.family wins over the file").isEqualTo("coco");
        assertThat(eventsFile(state).events()).extracting(Event::species).containsExactly("animal", "vehicle");
        assertThat(eventsFile(state).thresholdsReason()).isEqualTo("set by munin.cluster.threshold.family");
    }

    @Test
    void ordersTheFramesOfABurstByTheirSequenceNumberFromStageZero() throws IOException {
        imagesJsonl("""
                {"file":"S1/IMG_B.jpg","camera":"S1","datetime_local":"2021-04-11T20:43:10","sequence_number":3,"error":null}
                {"file":"S1/IMG_C.jpg","camera":"S1","datetime_local":"2021-04-11T20:43:10","sequence_number":2,"error":null}
                {"file":"S1/IMG_A.jpg","camera":"S1","datetime_local":"2021-04-11T20:43:09","sequence_number":1,"error":null}
                """);
        detectionsJson("""
                {"info":{"format_version":"1.6"},"images":[
                  {"file":"S1/IMG_B.jpg","detections":[{"category":"1","conf":0.9,"bbox":[0.1,0.1,0.2,0.2]}]},
                  {"file":"S1/IMG_C.jpg","detections":[{"category":"1","conf":0.9,"bbox":[0.1,0.1,0.2,0.2]}]},
                  {"file":"S1/IMG_A.jpg","detections":[{"category":"1","conf":0.9,"bbox":[0.1,0.1,0.2,0.2]}]}]}
                """);

        JsonNode state = (stage.run(state()));

        EventsFile events = eventsFile(state);
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.files()).containsExactly("S1/IMG_A.jpg", "S1/IMG_C.jpg", "S1/IMG_B.jpg");
            assertThat(e.sequences()).containsExactly("run-test-S000001");
        });
    }

    @Test
    void aBoxAtTheSamePlaceInTwentyPhotosOfOneCameraIsARepeatDetectionAndCountsForNothing() throws IOException {
        StringBuilder photos = new StringBuilder();
        StringBuilder images = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String file = "S1/IMG_%04d.jpg".formatted(i);
            photos.append("""
                    {"file":"%s","station":"S1","camera":"S1","datetime_local":"2024-06-0%dT1%d:00:00","error":null}
                    """.formatted(file, 1 + i % 9, i % 10));
            // a rock at the same place in every photo, and in the first one a fox elsewhere
            images.append(i == 0 ? "" : ",").append("""
                    {"file":"%s","detections":[{"category":"1","conf":0.8,"bbox":[0.30%d,0.5,0.1,0.08]}%s]}""".formatted(file, i % 3,
                    i == 0 ? ",{\"category\":\"1\",\"conf\":0.9,\"bbox\":[0.7,0.1,0.2,0.3]}" : ""));
        }
        imagesJsonl(photos.toString());
        detectionsJson("{\"info\":{\"format_version\":\"1.4\"},\"images\":[" + images + "]}");

        JsonNode state = stage.run(state());

        assertThat(state.at("/stage2_post/repeat_detections").asInt()).isEqualTo(20);
        assertThat(state.at("/stage2_post/detections_counted").asInt()).as("the fox only").isEqualTo(1);
        assertThat(state.at("/stage2_post/events").asInt()).isEqualTo(1);
        assertThat(state.at("/stage2_post/records").asInt()).isEqualTo(1);
        JsonNode flagged = Json.parse(store.read(Location.parse(state.at("/stage2_post/repeat_detections_uri").asText())));
        assertThat(flagged).hasSize(20);
        assertThat(flagged.get(0).path("reason").asText()).startsWith("repeat: 20 boxes at IoU >= 0.9 in 20 photos of camera S1");
        assertThat(flagged.get(0).path("bbox")).hasSize(4);
        assertThat(DuckDb.query("SELECT status, count(*) AS boxes, count(event_id) AS in_events FROM $file GROUP BY status ORDER BY status",
                detectionsParquet(state))).containsExactly(
                Map.of("status", "counted", "boxes", 1L, "in_events", 1L),
                Map.of("status", "repeat_detection", "boxes", 20L, "in_events", 0L));
    }

    @Test
    void withSpeciesFromFolderEveryReadPhotoIsARecordOfItsFolderWhateverTheDetectorSays() throws IOException {
        imagesJsonl("""
                {"file":"StationB/MNE/a.jpg","station":"StationB","camera":"StationB","datetime_local":"2009-04-28T17:47:00","issues":["clock_reset"],"error":null}
                {"file":"StationB/MNE/b.jpg","station":"StationB","camera":"StationB","datetime_local":"2009-04-28T17:48:00","error":null}
                {"file":"StationB/MNE/c.jpg","station":"StationB","camera":"StationB","datetime_local":"2009-04-28T17:49:00","error":null}
                {"file":"StationB/PBE/d.jpg","station":"StationB","camera":"StationB","datetime_local":"2009-04-28T17:49:00","error":null}
                {"file":"StationB/UNID/e.jpg","station":"StationB","camera":"StationB","datetime_local":"2009-04-28T18:00:00","error":null}
                {"file":"StationB/MNE/f.jpg","station":"StationB","camera":"StationB","datetime_local":null,"error":null}
                """);
        detectionsJson("""
                {"info":{"format_version":"1.6","detector":"md_v5a.0.0.pt"},"images":[
                  {"file":"StationB/MNE/a.jpg","detections":[]},
                  {"file":"StationB/MNE/b.jpg","detections":[{"category":"1","conf":0.7,"bbox":[0.1,0.1,0.2,0.2]},{"category":"1","conf":0.5,"bbox":[0.6,0.1,0.2,0.2]}]},
                  {"file":"StationB/MNE/c.jpg","failure":"image access failure","detections":null},
                  {"file":"StationB/PBE/d.jpg","detections":[{"category":"2","conf":0.9,"bbox":[0.1,0.1,0.2,0.2]}]},
                  {"file":"StationB/UNID/e.jpg","detections":[]},
                  {"file":"StationB/MNE/f.jpg","detections":[]}]}
                """);
        ObjectNode manifest = state();
        manifest.put("species_from", "folder");
        manifest.set("events", Json.MAPPER.valueToTree(new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false,
                Set.of("UNID")).toState()));

        JsonNode state = stage.run(manifest);

        List<Event> events = eventsFile(state).events();
        assertThat(events).extracting(e -> e.species() + ":" + e.photoCount() + ":" + e.timeUnusable())
                .containsExactly("MNE:3:false", "MNE:1:true", "PBE:1:false");
        Event macaques = events.get(0);
        assertThat(macaques.speciesFrom()).isEqualTo("folder");
        assertThat(macaques.files()).containsExactly("StationB/MNE/a.jpg", "StationB/MNE/b.jpg", "StationB/MNE/c.jpg");
        assertThat(macaques.maxBoxesInPhoto()).isEqualTo(2);
        assertThat(macaques.maxConf()).isEqualTo(0.7);
        assertThat(macaques.bestFile()).isEqualTo("StationB/MNE/b.jpg");
        assertThat(macaques.timestampIssues()).containsExactly("clock_reset");
        assertThat(events.get(2).bestBox().category()).as("the boxes stay attached, whatever their category").isEqualTo("person");
        assertThat(state.at("/stage2_post/records").asInt()).isEqualTo(3);
        assertThat(Files.readAllLines(dir.resolve("out/record_table.csv"))).hasSize(4)
                .anySatisfy(line -> assertThat(line).startsWith("\"StationB\",\"PBE\",\"2009-04-28 17:49:00\""));
    }

    @Test
    void detectionsParquetHasOneRowPerBoxWithItsPhotoTimeStatusAndEvent() throws IOException {
        imagesJsonl("""
                {"file":"S1/a.jpg","station":"S1","camera":"S1","deployment_id":"dep-1","datetime_local":"2024-06-01T21:00:00","datetime_utc":"2024-06-01T19:00:00Z","error":null}
                """);
        detectionsJson("""
                {"info":{"format_version":"1.4"},"images":[
                  {"file":"S1/a.jpg","detections":[{"category":"1","conf":0.9,"bbox":[0.1,0.2,0.3,0.4]},{"category":"1","conf":0.1,"bbox":[0.6,0.1,0.2,0.2]}]}]}
                """);

        JsonNode state = stage.run(state());

        Path parquet = detectionsParquet(state);
        assertThat(DuckDb.columnTypes(parquet)).containsEntry("datetime_utc", "TIMESTAMP WITH TIME ZONE")
                .containsEntry("datetime_local", "TIMESTAMP").containsEntry("conf", "DOUBLE").containsEntry("bbox_x", "DOUBLE");
        assertThat(DuckDb.query("SELECT file, camera, deployment_id, strftime(datetime_local, '%Y-%m-%d %H:%M') AS local, category, conf, "
                + "bbox_x, bbox_height, status, event_id, sequence_id FROM $file ORDER BY conf DESC", parquet))
                .extracting(row -> row.values().toString())
                .containsExactly("[S1/a.jpg, S1, dep-1, 2024-06-01 21:00, animal, 0.9, 0.1, 0.4, counted, run-test-E00001, run-test-S000001]",
                        "[S1/a.jpg, S1, dep-1, 2024-06-01 21:00, animal, 0.1, 0.6, 0.2, below_threshold, null, run-test-S000001]");
        assertThat(state.at("/stage2_post/detections_parquet_uri").asText()).isEqualTo(Location.of(parquet).uri());
    }

    @Test
    void refusesDetectionsForPhotosStageZeroNeverListed() throws IOException {
        imagesJsonl("{\"file\":\"S1/a.jpg\",\"error\":null}\n");
        detectionsJson("{\"info\":{\"format_version\":\"1.6\"},\"images\":[{\"file\":\"elsewhere/x.jpg\",\"detections\":[{\"category\":\"1\",\"conf\":0.9,\"bbox\":[0,0,1,1]}]}]}");

        assertThatThrownBy(() -> stage.run(state())).hasMessageContaining("elsewhere/x.jpg");
    }

    private EventsFile eventsFile(JsonNode state) throws IOException {
        return Json.MAPPER.readValue(store.read(Location.parse(state.at("/stage2_post/events_uri").asText())), EventsFile.class);
    }

    private static Path detectionsParquet(JsonNode state) {
        return Location.parse(state.at("/stage2_post/detections_parquet_uri").asText()).path();
    }

    private ObjectNode state() {
        ObjectNode state = Json.object();
        state.put("session_id", "run-test");
        state.put("species_from", "detector");
        state.set("events", Json.MAPPER.valueToTree(RULES.toState()));
        state.put("input_uri", dir.resolve("photos").toString());
        state.put("output_uri", dir.resolve("out").toString());
        state.set("guard_budget", TestStates.guardBudget(Location.of(dir.resolve("out/_work/run-test")).asFolder().uri()));
        state.set("stage0_exif", TestStates.stage0Exif(Location.of(dir.resolve("out/stage0/images.jsonl")).uri(), 4));
        state.set("merge_detections", TestStates.mergeDetections(Location.of(dir.resolve("out/stage1/detections.json")).uri()));
        return state;
    }

    private void imagesJsonl(String lines) throws IOException {
        Files.createDirectories(dir.resolve("out/stage0"));
        Files.writeString(dir.resolve("out/stage0/images.jsonl"), lines);
    }

    private void detectionsJson(String json) throws IOException {
        Files.createDirectories(dir.resolve("out/stage1"));
        Files.writeString(dir.resolve("out/stage1/detections.json"), json);
    }
}
