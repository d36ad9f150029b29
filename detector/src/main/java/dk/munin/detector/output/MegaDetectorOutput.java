package dk.munin.detector.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    public static final String FILE_NAME = "detections.json";

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
        ArrayNode imagesNode = root.putArray("images");
        for (ImageResult image : images) {
            imagesNode.add(imageNode(image));
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
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
