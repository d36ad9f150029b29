package dk.munin.exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.storage.LocalFileStore;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Stage0ExifTest {

    @TempDir
    Path dir;

    private final LocalFileStore store = new LocalFileStore();
    private final Stage0Exif stage = new Stage0Exif(store, new PhotoListing(store, "jpg,jpeg"),
            new PhotoMetadataReader(), new CameraIdentity(1));

    @Test
    void writesOneLinePerPhotoInStableOrderAndRecordsBrokenPhotos() throws IOException {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 15, 0)).camera("RECONYX", "HF2")
                .writeTo(dir.resolve("in/StationB/CAM2/IMG_0002.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 14, 0)).writeTo(dir.resolve("in/StationA/CAM1/IMG 0001 ø.jpg"));
        Files.write(dir.resolve("in/StationA/CAM1/broken.JPG"), new byte[0]);
        Files.writeString(dir.resolve("in/StationA/CAM1/readme.txt"), "ignored");

        RunState state = RunState.of(stage.run(manifest("Europe/Copenhagen")));

        List<JsonNode> lines = lines(Path.of(java.net.URI.create(state.text(RunState.STAGE0_OUTPUT_URI))));
        assertThat(lines).extracting(l -> l.path("file").asText())
                .containsExactly("StationA/CAM1/IMG 0001 ø.jpg", "StationA/CAM1/broken.JPG", "StationB/CAM2/IMG_0002.JPG");
        JsonNode first = lines.get(0);
        assertThat(first.path("station").asText()).isEqualTo("StationA");
        assertThat(first.path("camera").asText()).isEqualTo("StationA/CAM1");
        assertThat(first.path("datetime_original").asText()).isEqualTo("2024-06-01T21:14:00");
        assertThat(first.path("time_source").asText()).isEqualTo("exif");
        assertThat(first.path("utc_offset").asText()).isEqualTo("+02:00");
        assertThat(first.path("datetime_utc").asText()).isEqualTo("2024-06-01T19:14:00Z");
        assertThat(first.path("error").isNull()).isTrue();
        JsonNode broken = lines.get(1);
        assertThat(broken.path("error").asText()).contains("0 bytes");
        assertThat(broken.path("time_source").asText()).isEqualTo("none");
        assertThat(lines.get(2).path("make").asText()).isEqualTo("RECONYX");

        assertThat(state.get("stage0").path("photos_listed").asInt()).isEqualTo(3);
        assertThat(state.get("stage0").path("photos_read").asInt()).isEqualTo(2);
        assertThat(state.get("stage0").path("photos_failed").asInt()).isEqualTo(1);
    }

    @Test
    void withoutATimeZoneTheUtcTimeIsUnknown() throws IOException {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 14, 0)).writeTo(dir.resolve("in/S/a.jpg"));

        RunState state = RunState.of(stage.run(manifest(null)));

        JsonNode line = lines(Path.of(java.net.URI.create(state.text(RunState.STAGE0_OUTPUT_URI)))).get(0);
        assertThat(line.path("datetime_local").asText()).isEqualTo("2024-06-01T21:14:00");
        assertThat(line.path("datetime_utc").isNull()).isTrue();
    }

    @Test
    void honoursMaxImagesAndARerunReplacesTheListInsteadOfAppending() throws IOException {
        for (int i = 0; i < 5; i++) {
            TestPhotos.jpeg().writeTo(dir.resolve("in/S/IMG" + i + ".JPG"));
        }
        ObjectNode manifest = manifest(null);
        manifest.put("max_images", 3);

        stage.run(manifest);
        RunState again = RunState.of(stage.run(manifest));

        assertThat(lines(Path.of(java.net.URI.create(again.text(RunState.STAGE0_OUTPUT_URI))))).hasSize(3);
    }

    private ObjectNode manifest(String zone) {
        ObjectNode state = Json.object();
        state.put("input_uri", dir.resolve("in").toString());
        state.put("output_uri", dir.resolve("out").toString());
        state.put("max_images", 100);
        if (zone != null) {
            state.put("time_zone", zone);
        }
        return state;
    }

    private static List<JsonNode> lines(Path jsonl) throws IOException {
        return Files.readAllLines(jsonl).stream().map(Json::parse).toList();
    }
}
