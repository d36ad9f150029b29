package dk.munin.stage.stage0exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.storage.StoredObject;
import dk.munin.contract.testing.CountingBlobStore;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.SharedData;
import dk.munin.exif.PhotoListing;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.state.Json;
import dk.munin.testing.CamelS3;
import dk.munin.testing.ExifTruthTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage-0 against S3 (an embedded s3proxy with the real camel-aws2-s3 client), counting the
 * bytes the server sends for each photo.
 */
class Stage0S3Test {

    private static final long MAX_BYTES_PER_PHOTO = 128 * 1024;
    private static final AtomicReference<CountingBlobStore> COUNTING = new AtomicReference<>();

    private static EmbeddedS3 s3;
    private static CamelS3 camelS3;
    private static Storage storage;

    @BeforeAll
    static void start() throws Exception {
        s3 = EmbeddedS3.start(blobs -> {
            CountingBlobStore counting = new CountingBlobStore(blobs);
            COUNTING.set(counting);
            return counting;
        }, "photos");
        camelS3 = CamelS3.against(s3);
        storage = camelS3.storage();
    }

    @AfterAll
    static void stop() throws Exception {
        camelS3.close();
        s3.close();
    }

    @BeforeEach
    void resetCounts() {
        COUNTING.get().reset();
    }

    @Test
    void readsAtMost128KiBOfEachSharedPhotoAndReportsExactlyWhatTheServerSent() throws Exception {
        Path images = SharedData.require("images");
        List<String> keys = upload(images, "shared/");
        ObjectNode manifest = Json.object();
        manifest.put("input_uri", "s3://photos/shared/");
        manifest.put("output_uri", "s3://photos/out/");
        manifest.put("max_images", 1000);
        COUNTING.get().reset();

        JsonNode state = (Stage0Fixtures.stage(storage, Stage0Fixtures.NOW, Map.of()).run(manifest));

        List<JsonNode> lines = readLines(state.path("stage0_exif").path("images_uri").asText());
        assertThat(lines).hasSize(keys.size()).hasSize(83);
        List<String> problems = new ArrayList<>();
        long total = 0;
        for (JsonNode line : lines) {
            String key = "shared/" + line.path("file").asText();
            long sent = COUNTING.get().bytesSent(key);
            total += sent;
            if (sent > MAX_BYTES_PER_PHOTO || sent != line.path("bytes_read").asLong()) {
                problems.add(key + ": server sent " + sent + " bytes, images.jsonl says " + line.path("bytes_read"));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(total).isGreaterThan(83 * 1024);
        assertThat(state.path("stage0_exif").path("bytes_read").asLong()).isEqualTo(total);
        // 256 KB of APP15 segments before its frame header are stepped over, not downloaded
        assertThat(COUNTING.get().gets("shared/speciesnet_test_data/african_elephants.jpg")).isGreaterThan(1);
        assertThat(COUNTING.get().gets("shared/edge_cases/error_img.JPG")).as("an empty object is not requested").isZero();
        assertThat(COUNTING.get().gets("shared/mica_camtrapdp/62c200a9/20210531082538-RCNX0031.JPG")).isEqualTo(1);
        assertThat(lines).filteredOn(l -> l.path("time_source").asText().equals("makernote")).hasSize(3);
        assertThat(lines.get(0).path("uri").asText()).startsWith("s3://photos/shared/");
        assertRawTimesAreExiftools(lines);
    }

    /** Stage-0's datetime_original, read through ranged S3 reads, against exiftool's DateTimeOriginal. */
    private static void assertRawTimesAreExiftools(List<JsonNode> lines) {
        Map<String, String> byFile = new java.util.HashMap<>();
        lines.forEach(line -> byFile.put("images/" + line.path("file").asText(), line.path("datetime_original").asText()));
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (Map<String, String> row : ExifTruthTable.rows()) {
            String exiftool = row.get("datetime_original");
            if (exiftool == null || !exiftool.matches("\\d{4}:\\d{2}:\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                continue;
            }
            compared++;
            String expected = exiftool.replaceFirst("(\\d{4}):(\\d{2}):(\\d{2}) ", "$1-$2-$3T");
            if (!expected.equals(byFile.get(row.get("path")))) {
                disagreements.add(row.get("path") + ": exiftool " + exiftool + ", Stage-0 " + byFile.get(row.get("path")));
            }
        }
        assertThat(compared).isEqualTo(77);
        assertThat(disagreements).isEmpty();
    }

    @Test
    void givesTheSameRecordsAsReadingTheLocalFolder() throws Exception {
        Path images = SharedData.require("images");
        upload(images, "same/");
        ObjectNode fromS3 = Json.object();
        fromS3.put("input_uri", "s3://photos/same/");
        fromS3.put("output_uri", "s3://photos/out-same/");
        fromS3.put("max_images", 1000);
        fromS3.put("time_zone", "America/Boise");
        ObjectNode fromDisk = fromS3.deepCopy();
        fromDisk.put("input_uri", images.toString());
        fromDisk.put("output_uri", Files.createTempDirectory("munin-s3-compare").toString());
        Stage0Exif stage = Stage0Fixtures.stage(storage, Stage0Fixtures.NOW, Map.of());

        List<JsonNode> s3Lines = readLines(stage.run(fromS3).path("stage0_exif").path("images_uri").asText());
        List<JsonNode> diskLines = readLines(stage.run(fromDisk).path("stage0_exif").path("images_uri").asText());

        assertThat(s3Lines).hasSameSizeAs(diskLines);
        for (int i = 0; i < s3Lines.size(); i++) {
            ((ObjectNode) s3Lines.get(i)).remove("uri");
            ((ObjectNode) diskLines.get(i)).remove("uri");
        }
        assertThat(s3Lines).isEqualTo(diskLines);
    }

    @Test
    void theListingStreamsPageByPageAndCountsWithoutHoldingTheKeys() {
        for (int i = 0; i < 2500; i++) {
            s3.blobs().putBlob(PutObjectRequest.builder().bucket("photos").key(String.format("many/IMG_%04d.JPG", i)).build(),
                    new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        }
        COUNTING.get().reset();

        try (Stream<StoredObject> objects = storage.walk(Location.parse("s3://photos/many/"))) {
            Iterator<StoredObject> first = objects.iterator();
            for (int i = 0; i < 10; i++) {
                first.next();
            }
            assertThat(COUNTING.get().listings()).as("ten keys need one page").isEqualTo(1);
        }
        assertThat(new PhotoListing(storage, "jpg").count(Location.parse("s3://photos/many/"), 1_000_000)).isEqualTo(2500);
        assertThat(new PhotoListing(storage, "jpg").count(Location.parse("s3://photos/many/"), 1500)).isEqualTo(1500);
    }

    private static List<String> upload(Path folder, String prefix) throws IOException {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String key = prefix + folder.relativize(file).toString().replace('\\', '/');
                byte[] content = Files.readAllBytes(file);
                s3.blobs().putBlob(PutObjectRequest.builder().bucket("photos").key(key).contentLength((long) content.length).build(),
                        new ByteArrayInputStream(content));
                keys.add(key);
            }
        }
        return keys;
    }

    private static List<JsonNode> readLines(String uri) {
        String text = new String(storage.read(Location.parse(uri)), StandardCharsets.UTF_8);
        return text.lines().map(Json::parse).toList();
    }
}
