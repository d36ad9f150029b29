package dk.munin.detector.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MegaDetectorOutputTest {

    private final DetectorInfo info = new DetectorInfo("FastestDet.onnx", Instant.parse("2026-05-26T19:11:27.5Z"),
            Map.of("image_size", 352));

    @Test
    void writesTheInfoBlockAndCategories() throws Exception {
        JsonNode json = new ObjectMapper().readTree(MegaDetectorOutput.toJson(info, List.of()));

        assertEquals("1.6", json.at("/info/format_version").asText());
        assertEquals("FastestDet.onnx", json.at("/info/detector").asText());
        assertEquals("2026-05-26 19:11:27", json.at("/info/detection_completion_time").asText());
        assertEquals(352, json.at("/info/detector_metadata/image_size").asInt());
        assertEquals("{\"1\":\"animal\",\"2\":\"person\",\"3\":\"vehicle\"}", json.get("detection_categories").toString());
        assertTrue(json.get("images").isArray());
    }

    @Test
    void writesDetectionsAsFloatsAndFailuresWithNullDetections() throws Exception {
        List<ImageResult> images = List.of(
                ImageResult.detected("a/cow.jpg", List.of(new MegaDetectorDetection("1", 1.0, new double[] {0, 0.25, 1, 0.5}))),
                ImageResult.detected("a/empty.jpg", List.of()),
                ImageResult.failed("a/broken.JPG", ImageResult.IMAGE_ACCESS_FAILURE, "empty file (0 bytes)"));

        JsonNode json = new ObjectMapper().readTree(MegaDetectorOutput.toJson(info, images));

        JsonNode cow = json.at("/images/0");
        assertEquals("a/cow.jpg", cow.get("file").asText());
        assertFalse(cow.has("failure"));
        assertEquals("{\"category\":\"1\",\"conf\":1.0,\"bbox\":[0.0,0.25,1.0,0.5]}", cow.at("/detections/0").toString());
        assertTrue(cow.at("/detections/0/conf").isFloatingPointNumber(), "MegaDetector's validator wants float conf");
        assertEquals("[]", json.at("/images/1/detections").toString());
        JsonNode broken = json.at("/images/2");
        assertEquals("image access failure: empty file (0 bytes)", broken.get("failure").asText());
        assertTrue(broken.has("detections") && broken.get("detections").isNull());
    }
}
