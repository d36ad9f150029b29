package dk.munin.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.testing.SharedData;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.stage.stage0exif.Stage0ExifTest;
import dk.munin.stage.stage2post.Stage2Fixture;
import dk.munin.state.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SequencesTest {

    @TempDir
    Path dir;

    private final Sequences sequences = new Sequences(Duration.ofSeconds(60));

    @Test
    void theReconyxHeronBurstIsOneSequence() throws IOException {
        List<Sequences.Frame> heron = stage0(SharedData.image("mica_camtrapdp"));
        assertThat(heron).as("the ten frames of the MICA heron burst").hasSize(10);

        Map<String, String> sequenceOf = sequences.assign("mica", heron);

        assertThat(sequenceOf).hasSize(10);
        assertThat(sequenceOf.values()).containsOnly("mica-S000001");
    }

    @Test
    void theHeronBurstWithABoxInEveryFrameIsOneEventOfOneSequence() throws IOException {
        Path photos = SharedData.image("mica_camtrapdp");
        // the heron walks through the frame: a box a little further right in each frame
        JsonNode state = Stage2Fixture.run(photos, dir.resolve("out"), SpeciesFrom.DETECTOR,
                new IndependenceRules(30, DeltaTimeComparedTo.LAST_RECORD, false, Set.of()),
                file -> List.of(new Detection("1", 0.9, new double[] {0.05 * (file.hashCode() & 7), 0.3, 0.2, 0.4})));

        assertThat(state.at("/stage2_post/sequences").asInt()).isEqualTo(1);
        assertThat(state.at("/stage2_post/events").asInt()).isEqualTo(1);
        EventsFile events = Json.MAPPER.readValue(new LocalFileStore().read(Location.parse(state.at("/stage2_post/events_uri").asText())),
                EventsFile.class);
        assertThat(events.events()).singleElement().satisfies(heron -> {
            assertThat(heron.photoCount()).isEqualTo(10);
            assertThat(heron.sequences()).containsExactly("fixture-S000001");
            assertThat(heron.startLocal()).hasToString("2021-04-11T20:43:09");
            assertThat(heron.endLocal()).hasToString("2021-04-11T20:43:15");
            assertThat(heron.files()).first().asString().endsWith("RCNX0031.JPG");
            assertThat(heron.files()).last().asString().endsWith("RCNX0040.JPG");
        });
    }

    @Test
    void photosMoreThanTheGapApartOrOfTwoTriggersOrOfTwoCamerasAreApart() {
        Map<String, String> sequenceOf = sequences.assign("s", List.of(
                photo("c1/a.jpg", "c1", "2024-06-01T21:00:00", null),
                photo("c1/b.jpg", "c1", "2024-06-01T21:01:00", null),   // 60 s: the same burst
                photo("c1/c.jpg", "c1", "2024-06-01T21:02:01", null),   // 61 s: a new one
                photo("c2/d.jpg", "c2", "2024-06-01T21:02:01", null),   // another camera
                photo("c3/e.jpg", "c3", "2024-06-01T21:00:00", 7L),
                photo("c3/f.jpg", "c3", "2024-06-01T21:00:05", 8L),     // the camera's next trigger, 5 s later
                photo("c3/g.jpg", "c3", null, null)));                   // no time: a sequence of its own

        assertThat(sequenceOf).containsEntry("c1/a.jpg", "s-S000001").containsEntry("c1/b.jpg", "s-S000001")
                .containsEntry("c1/c.jpg", "s-S000002").containsEntry("c2/d.jpg", "s-S000003")
                .containsEntry("c3/e.jpg", "s-S000004").containsEntry("c3/f.jpg", "s-S000005")
                .containsEntry("c3/g.jpg", "s-S000006");
    }

    private static Sequences.Frame photo(String file, String camera, String local, Long trigger) {
        return new Sequences.Frame(file, camera, local == null ? null : LocalDateTime.parse(local), null, trigger);
    }

    /** Stage-0 over the folder: each photo with its camera, time and the Reconyx frame and trigger numbers. */
    private List<Sequences.Frame> stage0(Path photos) throws IOException {
        JsonNode manifest = Json.object().put("input_uri", photos.toString()).put("output_uri", dir.toString()).put("max_images", 1000);
        JsonNode state = Stage0Fixtures.stage(new LocalFileStore(), Stage0Fixtures.NOW, Map.of()).run(manifest);
        List<Sequences.Frame> frames = new ArrayList<>();
        for (JsonNode line : Stage0ExifTest.lines(state)) {
            frames.add(new Sequences.Frame(line.path("file").asText(), line.path("camera").asText(),
                    LocalDateTime.parse(line.path("datetime_local").asText()), line.path("sequence_number").asInt(),
                    line.path("event_number").asLong()));
        }
        return frames;
    }
}
