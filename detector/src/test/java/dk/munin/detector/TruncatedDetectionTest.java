package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.testing.JpegEdits;
import dk.munin.contract.testing.TinyOnnxModel;
import dk.munin.detector.photo.PhotoDecoder;
import dk.munin.detector.testing.LogCapture;
import dk.munin.detector.testing.TestPhotos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Truncated, oversized and over-declared photos through a whole detector run, with a real ONNX
 * model that finds one cat in the middle of whatever it is shown: where that cat lands on the
 * photo says what the model was shown. A truncated photo's box must lie in the rows the file
 * holds; a photo with too little data gets no box at all.
 */
class TruncatedDetectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double COORDINATE_STEP = 1e-4;
    /** Small enough that the padded photo is over it and the others are not. */
    private static final long MAX_PHOTO_BYTES = 3_000_000;

    @TempDir
    static Path temp;
    /** The run meets unreadable photos on purpose; their warnings are asserted here, not printed. */
    @RegisterExtension
    static final LogCapture LOG = new LogCapture();

    private static final Map<String, Integer> ROWS = new LinkedHashMap<>();
    private static JsonNode output;
    private static List<String> files;

    @BeforeAll
    static void runTheDetector() throws Exception {
        byte[] whole = TestPhotos.bytes(temp, 1600, 1200, 11);
        Map<String, byte[]> photos = new LinkedHashMap<>();
        photos.put("whole.jpg", whole);
        photos.put("bottom rows missing.jpg", JpegEdits.withImageDataCut(whole, 0.9));
        photos.put("sideways, bottom rows missing.jpg", JpegEdits.withImageDataCut(JpegEdits.withExifEntries(whole, 1, 6), 0.9));
        photos.put("a quarter there.jpg", JpegEdits.withImageDataCut(whole, 0.25));
        photos.put("claims 65500 square.jpg", JpegEdits.withFrameSize(whole, 65_500, 65_500));
        photos.put("10000 exif entries.jpg", JpegEdits.withExifEntries(whole, 10_000, 1));
        StringBuilder list = new StringBuilder();
        files = new ArrayList<>();
        for (Map.Entry<String, byte[]> photo : photos.entrySet()) {
            Path file = Files.write(temp.resolve(photo.getKey()), photo.getValue());
            list.append(line(photo.getKey(), file, photo.getValue().length));
            try {
                ROWS.put(photo.getKey(), PhotoDecoder.decode(photo.getValue(), PhotoDecoder.FULL_SIZE).rowsPresent());
            } catch (Exception unreadable) {
                ROWS.put(photo.getKey(), 0);
            }
        }
        Path padded = JpegEdits.writePadded(whole, MAX_PHOTO_BYTES + 1, temp.resolve("padded.jpg"));
        list.append(line("padded, listed with its size.jpg", padded, Files.size(padded)));
        list.append(line("padded, listed without.jpg", padded, null));
        Path imagesJsonl = Files.writeString(temp.resolve("images.jsonl"), list, StandardCharsets.UTF_8);

        Map<String, String> env = new HashMap<>();
        env.put("INPUT_URI", imagesJsonl.toString());
        env.put("OUTPUT_URI", temp.resolve("out").toString());
        env.put("DETECTOR_MODEL", TinyOnnxModel.fastestDetWithOneCat(temp.resolve("cat.onnx"), 0.9f).toString());
        env.put("DETECTOR_MAX_PHOTO_BYTES", String.valueOf(MAX_PHOTO_BYTES));
        DetectorRun.run(env);
        output = JSON.readTree(temp.resolve("out/detections.json").toFile());
    }

    private static String line(String name, Path file, Number bytes) {
        files.add(name);
        var line = JSON.createObjectNode().put("file", name).put("uri", "file:" + file.toAbsolutePath());
        if (bytes != null) {
            line.put("bytes", bytes.longValue());
        }
        return line + "\n";
    }

    @Test
    void theOutputKeepsEveryDocumentedRule() {
        MegaDetectorOutputValidator.validate(output, files, 0.1);   // DETECTOR_OUTPUT_THRESHOLD's default
        assertEquals(0.5, output.at("/info/detector_metadata/photo_limits/truncated_min_fraction").asDouble());
        assertEquals(MAX_PHOTO_BYTES, output.at("/info/detector_metadata/photo_limits/max_photo_bytes").asLong());
    }

    @Test
    void aWholePhotoGetsTheCatInItsMiddleAndNoFlag() {
        JsonNode image = image("whole.jpg");
        assertFalse(image.has("truncated"));
        assertBox(image, 0.25, 0.25, 0.5, 0.5);
    }

    @Test
    void aPhotoMissingItsBottomRowsGetsTheCatInTheMiddleOfTheRowsThereAndIsFlagged() {
        JsonNode image = image("bottom rows missing.jpg");
        double present = ROWS.get("bottom rows missing.jpg") / 1200.0;
        assertTrue(present > 0.5 && present < 1, "a slight truncation: " + present);

        assertEquals(String.format(java.util.Locale.ROOT, "the image data ends after %d of the photo's 1200 rows (%.0f %% of the photo): "
                + "detections are from those rows", ROWS.get("bottom rows missing.jpg"), Math.floor(present * 100)), image.get("truncated").asText());
        assertBox(image, 0.25, 0.25 * present, 0.5, 0.5 * present);
    }

    @Test
    void aSidewaysPhotoMissingItsBottomRowsHasThemMissingOnTheLeft() {
        // Orientation 6: shown turned 90 degrees clockwise, the stored top rows are the right-hand columns
        JsonNode image = image("sideways, bottom rows missing.jpg");
        double present = ROWS.get("sideways, bottom rows missing.jpg") / 1200.0;

        assertTrue(image.has("truncated"));
        assertBox(image, (1 - present) + 0.25 * present, 0.25, 0.5 * present, 0.5);
    }

    @Test
    void tooLittleDataOrAHugeDeclaredSizeIsAnImageAccessFailureWithNoBoxes() {
        String quarter = image("a quarter there.jpg").get("failure").asText();
        String huge = image("claims 65500 square.jpg").get("failure").asText();

        assertTrue(quarter.startsWith("image access failure: truncated: the image data "), quarter);
        assertTrue(quarter.endsWith("at least 50 % must be there to detect in it (DETECTOR_TRUNCATED_MIN_FRACTION)"), quarter);
        assertTrue(huge.startsWith("image access failure: truncated: the image data ("), huge);
        assertTrue(huge.contains("65500x65500 pixels the header declares"), huge);
        assertTrue(image("claims 65500 square.jpg").get("detections").isNull());
    }

    @Test
    void tenThousandExifEntriesDoNotStopThePhotoBeingDetected() {
        JsonNode image = image("10000 exif entries.jpg");
        assertFalse(image.has("failure"), image.toString());
        assertBox(image, 0.25, 0.25, 0.5, 0.5);
    }

    @Test
    void aPhotoLargerThanTheLimitIsNotReadWhateverTheListSays() throws IOException {
        String expected = "image access failure: too large: " + Files.size(temp.resolve("padded.jpg"))
                + " bytes, more than DETECTOR_MAX_PHOTO_BYTES = " + MAX_PHOTO_BYTES;
        assertEquals(expected, image("padded, listed with its size.jpg").get("failure").asText());
        assertEquals(expected, image("padded, listed without.jpg").get("failure").asText());
        assertTrue(LOG.warnings().stream().anyMatch(w -> w.contains("padded, listed with its size.jpg: too large")), LOG.warnings().toString());
    }

    private static void assertBox(JsonNode image, double x, double y, double width, double height) {
        JsonNode detections = image.get("detections");
        assertEquals(1, detections.size(), image.toString());
        JsonNode box = detections.get(0).get("bbox");
        double[] expected = {x, y, width, height};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i], box.get(i).asDouble(), 2 * COORDINATE_STEP + 1e-9, image.get("file") + ": " + box);
        }
    }

    private static JsonNode image(String file) {
        for (JsonNode image : output.get("images")) {
            if (image.get("file").asText().equals(file)) {
                return image;
            }
        }
        throw new AssertionError(file + " is not in detections.json");
    }
}
