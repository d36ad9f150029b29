package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.PhotoListFile;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A photo list whose keys try to leave the photos' folder (docs/storage.md): with PHOTOS_URI the
 * detector reads each photo as that folder + its file, so a tampered uri or a key with '..'
 * reads nothing outside; each such line becomes a failure and the run goes on. Outside the photo
 * folder lies a real JPEG the tiny model would find a cat in: a line that reached it would have
 * a detection instead of a failure.
 */
class DetectorPathsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    @RegisterExtension
    final LogCapture log = new LogCapture();
    private Path photos;
    private Path outside;
    private Map<String, String> env;

    @BeforeEach
    void photosAndAPhotoOutsideThem() {
        photos = temp.resolve("survey/photos");
        TestPhotos.jpeg(photos.resolve("StationA/IMG_0001.JPG"), 64, 48, 1);
        outside = TestPhotos.jpeg(temp.resolve("survey/private/outside.JPG"), 64, 48, 2);
        env = new HashMap<>();
        env.put("DETECTOR_MODEL", TinyOnnxModel.fastestDetWithOneCat(temp.resolve("tiny.onnx"), 0.9f).toString());
        env.put("DETECTOR_THREADS", "1");
    }

    @Test
    void withPhotosUriEveryPhotoIsReadBelowItAndEscapingKeysAreFailures() throws IOException {
        env.put("PHOTOS_URI", photos.toUri().toString());
        Map<String, JsonNode> images = run("with-photos-uri", tamperedList());

        assertTrue(images.get("StationA/IMG_0001.JPG").path("detections").size() > 0, "the photo below PHOTOS_URI is detected");
        assertEquals("image access failure: unsafe key '../private/outside.JPG': it has a '..' segment, which as a path names another folder",
                images.get("../private/outside.JPG").path("failure").asText());
        assertEquals("image access failure: unsafe key '" + outside + "': it starts with '/', an absolute path",
                images.get(outside.toString()).path("failure").asText());
        assertTrue(images.get("StationA/renamed.JPG").path("failure").asText().endsWith("StationA/renamed.JPG: it does not exist"),
                "a uri pointing elsewhere is not followed: the photo is looked for below PHOTOS_URI");
        assertFailedAsUnsafe(images, "s3://other-bucket/x.jpg", "a URI");
        assertFailedAsUnsafe(images, "C:\\x.jpg", "backslash");
        assertFailedAsUnsafe(images, "StationA//IMG_0001.JPG", "empty segment");
        assertFailedAsUnsafe(images, "x\0.jpg", "NUL");
        assertEquals(1, images.values().stream().filter(image -> image.path("detections").isArray()).count(),
                "nothing outside the photos' folder was read: " + images);
    }

    @Test
    void withoutPhotosUriALineIsReadFromItsUriOnlyWhenItsFileKeepsTheKeyRule() throws IOException {
        Map<String, JsonNode> images = run("without-photos-uri", tamperedList());

        assertTrue(images.get("StationA/IMG_0001.JPG").path("detections").isArray());
        assertTrue(images.get("../private/outside.JPG").path("failure").asText().contains("unsafe key"));
        assertTrue(images.get(outside.toString()).path("failure").asText().contains("unsafe key"));
        assertTrue(images.get("StationA/renamed.JPG").path("detections").isArray(),
                "without PHOTOS_URI the detector trusts a uri whose file keeps the rule (docs/detector.md): Munin always sets it");
        assertFalse(images.get("s3://other-bucket/x.jpg").path("detections").isArray());
    }

    private PhotoListFile tamperedList() {
        return new PhotoListFile()
                .add("StationA/IMG_0001.JPG", photos.resolve("StationA/IMG_0001.JPG"))
                .add("../private/outside.JPG", outside)
                .add(outside.toString(), outside)
                .add("StationA/renamed.JPG", outside)
                .addUri("s3://other-bucket/x.jpg", "s3://other-bucket/x.jpg")
                .add("C:\\x.jpg", outside)
                .add("StationA//IMG_0001.JPG", outside)
                .add("x\0.jpg", outside);
    }

    private static void assertFailedAsUnsafe(Map<String, JsonNode> images, String file, String reason) {
        String failure = images.get(file).path("failure").asText();
        assertTrue(failure.startsWith("image access failure: unsafe key") && failure.contains(reason), file + ": " + failure);
    }

    private Map<String, JsonNode> run(String name, PhotoListFile list) throws IOException {
        env.put("INPUT_URI", list.writeTo(temp.resolve(name + "/images.jsonl")).toString());
        env.put("OUTPUT_URI", temp.resolve(name + "/stage1").toUri().toString());
        DetectorRun.run(env);
        Map<String, JsonNode> images = new LinkedHashMap<>();
        for (JsonNode image : JSON.readTree(temp.resolve(name + "/stage1/detections.json").toFile()).path("images")) {
            images.put(image.path("file").asText(), image);
        }
        assertEquals(list.files().size(), images.size(), "one entry per line, in order");
        return images;
    }
}
