package dk.munin.detector.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes {@code detections.json} in the MegaDetector batch output format
 * (https://lila.science/megadetector-output-format), the format Timelapse, AddaxAI and
 * MegaDetector's own postprocessing read. Munin's rules are in docs/megadetector-output-format.md.
 */
public final class MegaDetectorOutput {

    /** The format version written to {@code info.format_version}; the one place it is named. */
    public static final String FORMAT_VERSION = "1.6";

    /** MegaDetector writes its completion time like this; Munin writes it in UTC. */
    private static final DateTimeFormatter COMPLETION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MegaDetectorOutput() {
    }

    public static byte[] toJson(DetectorInfo info, List<ImageResult> images) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode infoNode = root.putObject("info");
        infoNode.put("format_version", FORMAT_VERSION);
        infoNode.put("detector", info.detector());
        infoNode.put("detection_completion_time", COMPLETION_TIME.format(info.completedAt()));
        infoNode.set("detector_metadata", JSON.valueToTree(info.detectorMetadata()));
        ObjectNode categories = root.putObject("detection_categories");
        new TreeMap<>(MegaDetectorCategories.NAMES).forEach(categories::put);
        root.set("images", imagesNode(images));
        return bytes(root);
    }

    /** The {@code images} array, as written to the output and to checkpoints. */
    public static ArrayNode imagesNode(List<ImageResult> images) {
        ArrayNode imagesNode = JSON.createArrayNode();
        for (ImageResult image : images) {
            imagesNode.add(imageNode(image));
        }
        return imagesNode;
    }

    /**
     * Reads back an {@code images} array this class wrote (from a checkpoint). Values are
     * already rounded, so writing them again gives the same text.
     *
     * @throws IllegalArgumentException when an entry is not in the shape this class writes
     */
    public static List<ImageResult> parseImages(JsonNode imagesNode) {
        if (imagesNode == null || !imagesNode.isArray()) {
            throw new IllegalArgumentException("no images array");
        }
        List<ImageResult> images = new ArrayList<>();
        for (JsonNode image : imagesNode) {
            String file = image.path("file").asText(null);
            if (file == null) {
                throw new IllegalArgumentException("an image without file");
            }
            if (image.hasNonNull("failure")) {
                images.add(new ImageResult(file, null, image.get("failure").asText()));
                continue;
            }
            List<MegaDetectorDetection> detections = new ArrayList<>();
            for (JsonNode detection : image.path("detections")) {
                JsonNode box = detection.path("bbox");
                if (box.size() != 4) {
                    throw new IllegalArgumentException(file + ": a bbox without 4 values");
                }
                detections.add(new MegaDetectorDetection(detection.path("category").asText(), detection.path("conf").asDouble(),
                        new double[] {box.get(0).asDouble(), box.get(1).asDouble(), box.get(2).asDouble(), box.get(3).asDouble()}));
            }
            images.add(ImageResult.detected(file, detections));
        }
        return images;
    }

    public static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ObjectNode imageNode(ImageResult image) {
        ObjectNode node = JSON.createObjectNode();
        node.put("file", image.file());
        if (image.isFailure()) {
            node.put("failure", image.failure());
            node.putNull("detections");
            return node;
        }
        ArrayNode detections = node.putArray("detections");
        for (MegaDetectorDetection detection : image.detections()) {
            ObjectNode detectionNode = detections.addObject();
            detectionNode.put("category", detection.category());
            detectionNode.put("conf", detection.conf());
            ArrayNode bbox = detectionNode.putArray("bbox");
            for (double coordinate : detection.bbox()) {
                bbox.add(coordinate);
            }
        }
        return node;
    }
}
