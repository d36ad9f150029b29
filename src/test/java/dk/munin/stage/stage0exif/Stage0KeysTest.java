package dk.munin.stage.stage0exif;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.testing.CountingBlobStore;
import dk.munin.contract.testing.EmbeddedS3;
import dk.munin.contract.testing.LiteralKeysBlobStore;
import dk.munin.exif.Stage0Fixtures;
import dk.munin.manifest.InvalidManifest;
import dk.munin.state.Json;
import dk.munin.testing.CamelS3;
import dk.munin.testing.TestPhotos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stage-0 and the key rule (docs/storage.md): a listed key that would leave input_uri as a path
 * is a failed photo with its reason, and is not read; a camera folder linked into a local input
 * is read under the link's name; the folders may not lie inside each other.
 */
class Stage0KeysTest {

    private static final LocalDateTime TAKEN = LocalDateTime.of(2024, 6, 1, 21, 0);

    @TempDir
    Path dir;

    @Test
    void anS3KeyThatWouldLeaveTheInputIsAFailedPhotoAndIsNeverRead() throws Exception {
        AtomicReference<CountingBlobStore> counting = new AtomicReference<>();
        byte[] photo = TestPhotos.jpeg().taken(TAKEN).bytes();
        Map<String, String> escaping = new LinkedHashMap<>();
        escaping.put("raw//etc/passwd.jpg", "it starts with '/', an absolute path");
        escaping.put("raw/StationA/../../x.jpg", "it has a '..' segment, which as a path names another folder");
        escaping.put("raw/StationA/./IMG_0001.JPG", "it has a '.' segment, which as a path names another folder");
        escaping.put("raw/StationA//IMG_0001.JPG", "it has an empty segment ('//')");
        escaping.put("raw/C:\\x.jpg", "it holds a backslash, a folder separator on Windows and in MegaDetector's tools");
        escaping.put("raw/C:/x.jpg", "it starts with a Windows drive");
        escaping.put("raw/s3://other-bucket/x.jpg", "it is a URI, not a key below the folder");
        escaping.put("raw/file:/etc/x.jpg", "it is a URI, not a key below the folder");
        try (EmbeddedS3 s3 = EmbeddedS3.start(blobs -> {
            counting.set(new CountingBlobStore(new LiteralKeysBlobStore(blobs)));
            return counting.get();
        }, "photos"); CamelS3 camel = CamelS3.against(s3)) {
            put(s3, "raw/StationA/IMG_0001.JPG", photo);
            put(s3, "x.jpg", photo);
            escaping.keySet().forEach(key -> put(s3, key, photo));

            stage(camel.storage()).run(manifest("s3://photos/raw/", "s3://photos/out/"));

            Map<String, JsonNode> lines = new LinkedHashMap<>();
            try (ResponseInputStream<GetObjectResponse> in = s3.blobs().getBlob("photos", "out/stage0/images.jsonl")) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(Json::parse)
                        .forEach(line -> lines.put(line.path("file").asText(), line));
            }
            assertThat(lines).hasSize(escaping.size() + 1);
            assertThat(lines.get("StationA/IMG_0001.JPG").path("error").isNull()).isTrue();
            escaping.forEach((key, reason) -> {
                String file = key.substring("raw/".length());
                JsonNode line = lines.get(file);
                assertThat(line.path("error").asText()).as(file).isEqualTo("unsafe key '" + file + "': " + reason);
                assertThat(line.path("uri").asText()).as("the object as S3 names it").isEqualTo("s3://photos/" + key);
                assertThat(line.path("bytes_read").asLong()).isZero();
                assertThat(counting.get().gets(key)).as("%s is not read", key).isZero();
            });
            assertThat(counting.get().gets("x.jpg")).isZero();
        }
    }

    @Test
    void aLocalFileWithABackslashIsAFailedPhotoAndALinkedCameraFolderIsRead() throws Exception {
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("photos/StationA/IMG_0001.JPG"));
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("photos/StationA/IMG\\0002.JPG"));
        TestPhotos.jpeg().taken(TAKEN).writeTo(dir.resolve("card/DCIM/IMG_0003.JPG"));
        Files.createSymbolicLink(dir.resolve("photos/StationB"), dir.resolve("card/DCIM"));
        Files.createSymbolicLink(dir.resolve("card/DCIM/loop"), dir.resolve("card"));

        stage(new LocalFileStore()).run(manifest(dir.resolve("photos").toString(), dir.resolve("out").toString()));

        List<JsonNode> lines = Files.readAllLines(dir.resolve("out/stage0/images.jsonl")).stream().map(Json::parse).toList();
        assertThat(lines).extracting(line -> line.path("file").asText())
                .containsExactly("StationA/IMG\\0002.JPG", "StationA/IMG_0001.JPG", "StationB/IMG_0003.JPG");
        assertThat(lines.get(0).path("error").asText()).startsWith("unsafe key 'StationA/IMG\\0002.JPG'")
                .contains("backslash");
        assertThat(lines.get(2).path("error").isNull()).isTrue();
        assertThat(lines.get(2).path("station").asText()).as("the link's name is the folder's").isEqualTo("StationB");
    }

    @Test
    void anOutputFolderInsideTheInputIsRefusedNamingBoth() {
        String input = dir.resolve("photos").toString();
        String output = dir.resolve("photos/out").toString();

        assertThatThrownBy(() -> stage(new LocalFileStore()).read(input, output, 10, null, null))
                .isInstanceOf(InvalidManifest.class)
                .hasMessageContaining("Manifest field 'output_uri': is inside input_uri")
                .hasMessageContaining(dir.resolve("photos").toUri().getPath())
                .hasMessageContaining(dir.resolve("photos/out").toUri().getPath());
        assertThat(dir.resolve("photos/out")).doesNotExist();
    }

    private static Stage0Exif stage(ObjectStore store) {
        return Stage0Fixtures.stage(store, Stage0Fixtures.NOW, Map.of());
    }

    private static ObjectNode manifest(String input, String output) {
        return Json.object().put("input_uri", input).put("output_uri", output).put("max_images", 100);
    }

    private static void put(EmbeddedS3 s3, String key, byte[] content) {
        s3.blobs().putBlob(PutObjectRequest.builder().bucket("photos").key(key).build(), new ByteArrayInputStream(content));
    }
}
