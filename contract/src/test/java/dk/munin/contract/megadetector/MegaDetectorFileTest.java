package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void writtenAnEntryAtATimeTheFileIsByteForByteTheTreeAsTheFormatPrintsIt() throws Exception {
        List<ImageEntry> images = List.of(
                ImageEntry.detected("a/cow.jpg", List.of(new Detection("1", 0.817, new double[] {0.3772, 0.4309, 0.12, 0.1706}),
                        new Detection("2", 0.1, new double[] {0, 0, 1, 1}))),
                ImageEntry.detected("a/empty.jpg", List.of()),
                ImageEntry.failed("a/broken.JPG", ImageEntry.IMAGE_ACCESS_FAILURE, "empty file (0 bytes)"));
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        for (List<ImageEntry> entries : List.of(images, List.<ImageEntry>of())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MegaDetectorFile.write(info, entries, out);
            out.write('!');

            byte[] tree = pretty.writeValueAsBytes(MegaDetectorFile.toJson(info, entries));
            assertEquals(new String(tree, StandardCharsets.UTF_8) + "!", out.toString(StandardCharsets.UTF_8), "left open, the same bytes");
            assertArrayEquals(tree, MegaDetectorFile.write(info, entries));
        }
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

        BatchOutput read = MegaDetectorFile.read(v1.getBytes(StandardCharsets.UTF_8));

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
        return assertThrows(InvalidBatchFile.class,
                () -> MegaDetectorFile.read(json.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void streamingGivesTheEntriesReadingWholeGivesWhereverTheCategoriesStand() throws Exception {
        // MegaDetector's own order puts info first; this file has its categories after the images, renamed
        String file = """
                {"images": [
                   {"file": "a.jpg", "detections": [{"category": "7", "conf": 0.91, "bbox": [0.1, 0.2, 0.3, 0.4]}]},
                   {"file": "b.jpg", "failure": "image access failure"},
                   {"file": "c.jpg", "detections": []}],
                 "info": {"format_version": "1.4", "detector": "md_v5a.0.0.pt"},
                 "detection_categories": {"7": "animal"}}""";
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        List<ImageEntry> streamed = new ArrayList<>();

        BatchOutput header = MegaDetectorFile.stream(() -> new ByteArrayInputStream(bytes), streamed::add);

        BatchOutput whole = MegaDetectorFile.read(bytes);
        assertEquals(whole.images().size(), streamed.size());
        for (int i = 0; i < streamed.size(); i++) {
            assertEquals(whole.images().get(i).file(), streamed.get(i).file());
            assertEquals(whole.images().get(i).failure(), streamed.get(i).failure());
        }
        assertEquals("1", streamed.get(0).detections().get(0).category());
        assertEquals("md_v5a.0.0.pt", header.info().path("detector").asText());
        assertEquals("1.4", header.formatVersion());
        assertTrue(header.images().isEmpty());
    }

    @Test
    void streamingRefusesWhatReadingWholeRefuses() {
        String noImages = "{\"info\": {\"format_version\": \"1.4\"}}";
        String badVersion = "{\"info\": {\"format_version\": \"9.0\"}, \"images\": []}";
        for (String file : List.of(noImages, badVersion, "[]")) {
            byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
            InvalidBatchFile whole = assertThrows(InvalidBatchFile.class, () -> MegaDetectorFile.read(bytes));
            InvalidBatchFile streamed = assertThrows(InvalidBatchFile.class,
                    () -> MegaDetectorFile.stream(() -> new ByteArrayInputStream(bytes), entry -> { }));
            assertEquals(whole.getMessage(), streamed.getMessage());
        }
    }
}
