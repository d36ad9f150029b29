package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MegaDetectorFileTest {

    private final BatchInfo info = new BatchInfo("FastestDet.onnx", BatchInfo.completionTime(Instant.parse("2026-05-26T19:11:27.5Z")),
            new ObjectMapper().valueToTree(Map.of("image_size", 352)));

    @Test
    void writesTheInfoBlockAndCategories() throws Exception {
        JsonNode json = new ObjectMapper().readTree(MegaDetectorFile.write(info, List.of()));

        assertEquals("1.6", json.at("/info/format_version").asText());
        assertEquals("FastestDet.onnx", json.at("/info/detector").asText());
        assertEquals("2026-05-26 19:11:27", json.at("/info/detection_completion_time").asText());
        assertEquals(352, json.at("/info/detector_metadata/image_size").asInt());
        assertEquals("{\"1\":\"animal\",\"2\":\"person\",\"3\":\"vehicle\"}", json.get("detection_categories").toString());
        assertTrue(json.get("images").isArray());
    }

    @Test
    void writesDetectionsAsFloatsAndFailuresWithNullDetections() throws Exception {
        List<ImageEntry> images = List.of(
                ImageEntry.detected("a/cow.jpg", List.of(new Detection("1", 1.0, new double[] {0, 0.25, 1, 0.5}))),
                ImageEntry.detected("a/empty.jpg", List.of()),
                ImageEntry.failed("a/broken.JPG", ImageEntry.IMAGE_ACCESS_FAILURE, "empty file (0 bytes)"));

        JsonNode json = new ObjectMapper().readTree(MegaDetectorFile.write(info, images));

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

    @Test
    void readsBackWhatItWrites() {
        List<ImageEntry> images = List.of(
                ImageEntry.detected("a/cow.jpg", List.of(new Detection("1", 0.817, new double[] {0.3772, 0.4309, 0.12, 0.1706}))),
                ImageEntry.failed("a/broken.JPG", ImageEntry.IMAGE_ACCESS_FAILURE, "empty file (0 bytes)"));

        BatchOutput read = MegaDetectorFile.read(MegaDetectorFile.write(info, images));

        assertEquals(images, read.images());
        assertEquals(MegaDetectorFile.FORMAT_VERSION, read.formatVersion());
        assertEquals("FastestDet.onnx", read.info().path("detector").asText());
    }

    @Test
    void readsAnOlderFileFromElsewhereMappingItsCategoryNamesToMunins() {
        String v1 = """
                {"info": {"format_version": "1.0"}, "detection_categories": {"1": "Animal", "5": "human"},
                 "images": [{"file": "a.jpg", "max_detection_conf": 0.9,
                             "detections": [{"category": "5", "conf": 0.9, "bbox": [0, 0, 1, 1]}]}]}
                """;

        BatchOutput read = MegaDetectorFile.read(v1.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertEquals(MegaDetectorCategories.PERSON, read.images().get(0).detections().get(0).category());
        assertEquals("1.0", read.formatVersion());
    }

    @Test
    void refusesWhatItCannotReadSayingWhy() {
        assertEquals("format_version 2.0 is not one Munin reads (1.0 to 1.6)", refusal("""
                {"info": {"format_version": "2.0"}, "images": []}"""));
        assertEquals("detection category '4' is 'bird'; Munin knows animal, person and vehicle only", refusal("""
                {"info": {"format_version": "1.6"}, "detection_categories": {"4": "bird"}, "images": []}"""));
        assertEquals("'a.jpg' has a detection whose bbox is not four numbers: [0,0,1]", refusal("""
                {"info": {"format_version": "1.6"}, "images": [{"file": "a.jpg", "detections": [{"category": "1", "conf": 0.5, "bbox": [0, 0, 1]}]}]}"""));
    }

    private static String refusal(String json) {
        return org.junit.jupiter.api.Assertions.assertThrows(InvalidBatchFile.class,
                () -> MegaDetectorFile.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))).getMessage();
    }
}
