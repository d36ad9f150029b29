package dk.munin.stage.stage2post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.ClusterSettings;
import dk.munin.cluster.DeltaTimeComparedTo;
import dk.munin.cluster.Event;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.IndependenceRules;
import dk.munin.cluster.RepeatDetectionSettings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.state.Json;
import dk.munin.testing.TestStates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Stage2PostTest {

    @TempDir
    Path dir;

    private final LocalFileStore store = new LocalFileStore();
    private final Stage2Post stage = new Stage2Post(store, new ClusterSettings(0.3, 30,
            new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of()), RepeatDetectionSettings.MEGADETECTOR_DEFAULTS));

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
        assertThat(summary.path("detections").asInt()).isEqualTo(5);
        assertThat(summary.path("detections_above_threshold").asInt()).isEqualTo(3);
        assertThat(summary.path("photos_with_detections").asInt()).isEqualTo(2);
        assertThat(summary.path("detector_failures").asInt()).isEqualTo(1);
        assertThat(summary.path("events").asInt()).isEqualTo(2);

        EventsFile events = Json.MAPPER.readValue(store.read(Location.parse(state.at("/stage2_post/events_uri").asText())), EventsFile.class);
        assertThat(events.events()).extracting(e -> e.category() + ":" + e.photoCount() + ":" + e.detectionCount())
                .containsExactly("animal:2:2", "person:1:1");
        Event animals = events.events().get(0);
        assertThat(animals.startUtc()).hasToString("2024-06-01T19:00:00Z");
        assertThat(animals.latitude()).isEqualTo(56.0);
        assertThat(state.at("/stage2_post/events_uri").asText()).startsWith(state.at("/guard_budget/work_uri").asText());
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

        EventsFile events = Json.MAPPER.readValue(store.read(Location.parse(state.at("/stage2_post/events_uri").asText())), EventsFile.class);
        assertThat(events.events()).singleElement().satisfies(e ->
                assertThat(e.files()).containsExactly("S1/IMG_A.jpg", "S1/IMG_C.jpg", "S1/IMG_B.jpg"));
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
        assertThat(state.at("/stage2_post/detections_above_threshold").asInt()).as("the fox only").isEqualTo(1);
        assertThat(state.at("/stage2_post/events").asInt()).isEqualTo(1);
        assertThat(state.at("/stage2_post/records").asInt()).isEqualTo(1);
        JsonNode flagged = Json.parse(store.read(Location.parse(state.at("/stage2_post/repeat_detections_uri").asText())));
        assertThat(flagged).hasSize(20);
        assertThat(flagged.get(0).path("reason").asText()).startsWith("repeat: 20 boxes at IoU >= 0.9 in 20 photos of camera S1");
        assertThat(flagged.get(0).path("bbox")).hasSize(4);
    }

    @Test
    void refusesDetectionsForPhotosStageZeroNeverListed() throws IOException {
        imagesJsonl("{\"file\":\"S1/a.jpg\",\"error\":null}\n");
        detectionsJson("{\"info\":{\"format_version\":\"1.6\"},\"images\":[{\"file\":\"elsewhere/x.jpg\",\"detections\":[{\"category\":\"1\",\"conf\":0.9,\"bbox\":[0,0,1,1]}]}]}");

        assertThatThrownBy(() -> stage.run(state())).hasMessageContaining("elsewhere/x.jpg");
    }

    private ObjectNode state() {
        ObjectNode state = Json.object();
        state.put("session_id", "run-test");
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
