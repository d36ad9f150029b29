package dk.munin.stage.stage0exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.testing.SharedData;
import dk.munin.exif.PhotoRecord;
import dk.munin.exif.ReconyxNotes;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.exif.Stage0Settings;
import dk.munin.state.Json;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

public class Stage0ExifTest {

    static final Clock NOW = Stage0Fixtures.NOW;

    @TempDir
    Path dir;

    private final LocalFileStore store = new LocalFileStore();
    private final Stage0Exif stage = Stage0Fixtures.stage(store, NOW, Map.of());

    @Test
    void writesOneLinePerPhotoInStableOrderAndRecordsBrokenPhotos() throws IOException {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 15, 0)).camera("RECONYX", "HF2")
                .writeTo(dir.resolve("in/StationB/CAM2/IMG_0002.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 14, 0)).writeTo(dir.resolve("in/StationA/CAM1/IMG 0001 ø.jpg"));
        Files.write(dir.resolve("in/StationA/CAM1/broken.JPG"), new byte[0]);
        Files.writeString(dir.resolve("in/StationA/CAM1/readme.txt"), "ignored");

        JsonNode state = (stage.run(manifest("Europe/Copenhagen")));

        List<JsonNode> lines = lines(state);
        assertThat(lines).extracting(l -> l.path("file").asText())
                .containsExactly("StationA/CAM1/IMG 0001 ø.jpg", "StationA/CAM1/broken.JPG", "StationB/CAM2/IMG_0002.JPG");
        JsonNode first = lines.get(0);
        assertThat(first.path("station").asText()).isEqualTo("StationA");
        assertThat(first.path("camera").asText()).as("no make, model or serial number: the station's folder").isEqualTo("StationA");
        assertThat(first.path("datetime_original").asText()).isEqualTo("2024-06-01T21:14:00");
        assertThat(first.path("time_source").asText()).isEqualTo("exif");
        // camera clocks keep the zone's standard time: +01:00 in June too
        assertThat(first.path("utc_offset").asText()).isEqualTo("+01:00");
        assertThat(first.path("utc_offset_source").asText()).isEqualTo("manifest");
        assertThat(first.path("datetime_utc").asText()).isEqualTo("2024-06-01T20:14:00Z");
        assertThat(first.path("bytes_read").asLong()).isEqualTo(first.path("bytes").asLong()); // a small photo is read whole
        assertThat(first.path("error").isNull()).isTrue();
        JsonNode broken = lines.get(1);
        assertThat(broken.path("error").asText()).contains("0 bytes");
        assertThat(broken.path("time_source").asText()).isEqualTo("none");
        assertThat(broken.path("bytes_read").asLong()).isZero();
        assertThat(lines.get(2).path("make").asText()).isEqualTo("RECONYX");
        assertThat(lines.get(2).path("camera").asText()).isEqualTo("StationB:RECONYX HF2");

        JsonNode summary = state.path("stage0_exif");
        assertThat(summary.path("photos_listed").asInt()).isEqualTo(3);
        assertThat(summary.path("photos_read").asInt()).isEqualTo(2);
        assertThat(summary.path("photos_failed").asInt()).isEqualTo(1);
        assertThat(summary.path("bytes_read").asLong()).isEqualTo(first.path("bytes").asLong() + lines.get(2).path("bytes").asLong());
        assertThat(summary.path("format_version").asText()).isEqualTo(PhotoRecord.FORMAT_VERSION);
    }

    @Test
    void withoutATimeZoneTheUtcTimeIsUnknown() throws IOException {
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, 14, 0)).writeTo(dir.resolve("in/S/a.jpg"));

        JsonNode line = lines(stage.run(manifest(null))).get(0);

        assertThat(line.path("datetime_local").asText()).isEqualTo("2024-06-01T21:14:00");
        assertThat(line.path("datetime_utc").isNull()).isTrue();
        assertThat(line.path("utc_offset").isNull()).isTrue();
    }

    @Test
    void honoursMaxImagesAndARerunReplacesTheListInsteadOfAppending() throws IOException {
        for (int i = 0; i < 5; i++) {
            TestPhotos.jpeg().writeTo(dir.resolve("in/S/IMG" + i + ".JPG"));
        }
        ObjectNode manifest = manifest(null);
        manifest.put("max_images", 3);

        stage.run(manifest);
        JsonNode again = (stage.run(manifest));

        assertThat(lines(again)).hasSize(3);
        assertThat(again.path("stage0_exif").path("photos_listed").asInt()).isEqualTo(3);
    }

    @Test
    void aDeploymentsTableNamesTheDeploymentCorrectsTheClockAndPlacesPhotosWithoutGps() throws IOException {
        Stage0Exif camtrapLayout = Stage0Fixtures.stage(store, NOW, Map.of(Stage0Settings.CAMERA_FOLDER_LEVEL, "2"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2023, 4, 2, 6, 0, 0)).writeTo(dir.resolve("in/StationA/CAM1/100RECNX/IMG1.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 4, 2, 6, 0, 0)).gps(56.0, 10.0).writeTo(dir.resolve("in/StationA/CAM2/IMG1.JPG"));
        TestPhotos.jpeg().taken(LocalDateTime.of(2024, 4, 2, 6, 0, 0)).gps(57.0, 9.0).writeTo(dir.resolve("in/StationB/CAM9/IMG1.JPG"));
        ObjectNode manifest = manifest("UTC");
        manifest.set("deployments", Json.parse("""
                [{"deployment_id": "A1", "camera": "StationA/CAM1", "time_zone": "Europe/Copenhagen",
                  "latitude": 55.5, "longitude": 12.25, "start": "2024-03-01T00:00:00", "end": "2024-05-01T00:00:00",
                  "time_corrections": [{"type": "offset", "offset": "+1y"}]},
                 {"deployment_id": "A2", "camera": "StationA/CAM2", "latitude": 1.0, "longitude": 2.0}]"""));

        JsonNode state = (camtrapLayout.run(manifest));

        Map<String, JsonNode> byFile = lines(state).stream().collect(Collectors.toMap(l -> l.path("file").asText(), Function.identity()));
        JsonNode yearBehind = byFile.get("StationA/CAM1/100RECNX/IMG1.JPG");
        assertThat(yearBehind.path("camera").asText()).isEqualTo("StationA/CAM1");
        assertThat(yearBehind.path("deployment_id").asText()).isEqualTo("A1");
        assertThat(yearBehind.path("datetime_original").asText()).isEqualTo("2023-04-02T06:00:00");
        assertThat(yearBehind.path("datetime_local").asText()).isEqualTo("2024-04-02T06:00:00");
        assertThat(yearBehind.path("datetime_utc").asText()).isEqualTo("2024-04-02T05:00:00Z");
        assertThat(yearBehind.path("corrections").toString()).isEqualTo("[\"offset +1y\"]");
        assertThat(yearBehind.path("latitude").asDouble()).isEqualTo(55.5);
        assertThat(yearBehind.path("position_source").asText()).isEqualTo("deployment");
        assertThat(yearBehind.path("issues")).isEmpty();
        JsonNode ownGps = byFile.get("StationA/CAM2/IMG1.JPG");
        assertThat(ownGps.path("latitude").asDouble()).as("the deployment's surveyed position beats the camera's GPS").isEqualTo(1.0);
        assertThat(ownGps.path("position_source").asText()).isEqualTo("deployment");
        assertThat(ownGps.path("utc_offset").asText()).isEqualTo("Z"); // A2 names no zone: the manifest's UTC
        JsonNode unmatched = byFile.get("StationB/CAM9/IMG1.JPG");
        assertThat(unmatched.path("latitude").asDouble()).as("no deployment: the photo's own GPS").isEqualTo(57.0);
        assertThat(unmatched.path("position_source").asText()).isEqualTo("exif");
        assertThat(unmatched.path("deployment_id").isNull()).isTrue();
        assertThat(unmatched.path("issues").toString()).isEqualTo("[\"no_deployment\"]");
        assertThat(state.path("stage0_exif").path("photos_with_issues").asInt()).isEqualTo(1);
        assertThat(state.path("stage0_exif").path("photos_in_deployments").asInt()).isEqualTo(2);
        assertThat(state.path("stage0_exif").path("issues").toString()).isEqualTo("{\"no_deployment\":1}");
    }

    @Test
    void flagsAReconyxBurstWhoseFramesRunBackwardsOnTheFrameThatShowsIt() throws IOException {
        LocalDateTime start = LocalDateTime.of(2024, 5, 5, 22, 0, 0);
        int[] secondsPerFrame = {0, 1, 1, 0, 2}; // frame 4 is earlier than frames 2 and 3
        for (int frame = 1; frame <= 5; frame++) {
            TestPhotos.jpeg().camera("RECONYX", "HF2 PRO COVERT")
                    .taken(start.plusSeconds(secondsPerFrame[frame - 1]))
                    .makerNote(ReconyxNotes.hyperFire2(frame, 5, 12, start.plusSeconds(secondsPerFrame[frame - 1]), "HLPX1", "R9"))
                    .writeTo(dir.resolve("in/S/RCNX000" + frame + ".JPG"));
        }

        JsonNode state = (stage.run(manifest(null)));

        List<JsonNode> lines = lines(state);
        assertThat(lines).extracting(l -> l.path("issues").toString())
                .containsExactly("[]", "[]", "[]", "[\"sequence_out_of_order\"]", "[]");
        assertThat(lines.get(3).path("warnings").toString()).contains("frame 4 of 5 (2024-05-05T22:00) is earlier than frame 2");
        assertThat(lines.get(0).path("sequence_number").asInt()).isEqualTo(1);
        assertThat(lines.get(0).path("sequence_total").asInt()).isEqualTo(5);
        assertThat(lines.get(0).path("serial_number").asText()).isEqualTo("HLPX1");
        assertThat(lines.get(0).path("ambient_temperature_c").asInt()).isEqualTo(-3);
    }

    @Test
    void theWholeSharedPhotoSetGivesALineForEveryFileAndFlagsNothingInTheRealBurst() throws IOException {
        Path images = SharedData.require("images");
        ObjectNode manifest = manifest(null);
        manifest.put("input_uri", images.toString());

        JsonNode state = (stage.run(manifest));

        List<JsonNode> lines = lines(state);
        assertThat(lines).hasSize(83);
        assertThat(lines).filteredOn(l -> !l.path("error").isNull()).extracting(l -> l.path("file").asText())
                .containsExactly("edge_cases/error_img.JPG");
        assertThat(lines).filteredOn(l -> l.path("time_source").asText().equals("makernote")).hasSize(3);
        assertThat(lines).allSatisfy(l -> assertThat(l.path("bytes_read").asLong()).isLessThanOrEqualTo(128 * 1024));
        assertThat(lines).filteredOn(l -> l.path("file").asText().startsWith("mica_camtrapdp/"))
                .hasSize(10).allSatisfy(l -> assertThat(l.path("issues")).isEmpty());
        JsonNode summary = state.path("stage0_exif");
        // as exiftool counts them (images_exif_summary.csv): 74 EXIF, 3 maker note only, 6 none (one is the 0-byte file)
        assertThat(summary.path("time_sources").toString()).isEqualTo("{\"exif\":74,\"makernote\":3,\"none\":6}");
        assertThat(summary.path("issues").toString()).isEqualTo("{\"no_time\":5}"); // an unreadable file has an error, not issues
    }

    @Test
    void eachPhotoReadAdvancesTheProgress() throws IOException {
        for (int i = 0; i < 5; i++) {
            TestPhotos.jpeg().taken(LocalDateTime.of(2024, 6, 1, 21, i, 0)).writeTo(dir.resolve("in/S1/IMG_000" + i + ".JPG"));
        }
        List<String> progress = new ArrayList<>();
        long[] nanos = {0};

        stage.read(dir.resolve("in").toString(), dir.resolve("out").toString(), 1000, null, null,
                new ProgressMeter(5, () -> nanos[0] += 250_000_000, null, progress::add, 2, 3600));

        // the clock moves a quarter second each time it is read: once at the start, once a photo
        assertThat(progress).containsExactly("progress: 1/5 photos (20 %), 4.0 photos/s, ETA 1 s",
                "progress: 3/5 photos (60 %), 4.0 photos/s, ETA 1 s", "progress: 5/5 photos (100 %), 4.0 photos/s");
    }

    private ObjectNode manifest(String zone) {
        ObjectNode state = Json.object();
        state.put("input_uri", dir.resolve("in").toString());
        state.put("output_uri", dir.resolve("out").toString());
        state.put("max_images", 1000);
        if (zone != null) {
            state.put("time_zone", zone);
        }
        return state;
    }

    public static List<JsonNode> lines(JsonNode state) throws IOException {
        Path jsonl = Path.of(URI.create(state.path("stage0_exif").path("images_uri").asText()));
        return Files.readAllLines(jsonl, StandardCharsets.UTF_8).stream().map(Json::parse).toList();
    }
}
