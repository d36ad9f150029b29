package dk.munin.contract.megadetector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The rules of docs/megadetector-output-format.md for every file Munin writes, as a checker, so
 * tests (and {@code munin validate}) hold outputs to the documented contract rather than to
 * what the code happens to do. Each method returns the broken rules, empty when the file keeps them.
 */
public final class MegaDetectorRules {

    private static final Set<String> TOP_LEVEL = Set.of("info", "detection_categories", "images");
    private static final Set<String> IMAGE_FIELDS = Set.of("file", "detections", "failure", "truncated");
    private static final Set<String> DETECTION_FIELDS = Set.of("category", "conf", "bbox");
    /** The detector_metadata keys the detector's own files promise (precomputed files carry others). */
    public static final List<String> DETECTOR_METADATA_KEYS = List.of("image_size", "model_layout", "model_input_shape",
            "model_output_shape", "model_sha256", "input_format", "class_vocabulary", "class_mapping",
            "output_confidence_threshold", "nms_iou_threshold", "reduced_decode", "shard", "timing");
    private static final List<String> SHARD_KEYS = List.of("index", "count", "first_entry", "end_entry", "entries");
    private static final List<String> TIMING_KEYS = List.of("photos_timed", "wall_seconds", "photos_per_second", "threads", "mean_ms_per_photo");
    private static final List<String> TIMED_STAGES = List.of("read", "decode", "preprocess", "inference", "postprocess");
    private static final JsonNode EXPECTED_CATEGORIES = categoriesNode();
    /** Boxes that end exactly at the photo's edge may exceed 1 by a float's last bit. */
    private static final double ROUNDING_SLACK = 1e-9;

    private MegaDetectorRules() {
    }

    /**
     * Rules 1 to 6: structure, info, categories, one entry per photo-list line in order, entry
     * and detection shapes, rounding, ranges and order.
     *
     * @param inputFiles      the {@code file} of every images.jsonl line (of the shard), in file order
     * @param outputThreshold the lowest confidence the writer keeps
     */
    public static List<String> check(JsonNode output, List<String> inputFiles, double outputThreshold) {
        List<String> broken = new ArrayList<>();
        if (!output.isObject() || !fieldNames(output).equals(TOP_LEVEL)) {
            broken.add("the top level holds exactly info, detection_categories and images, found " + fieldNames(output));
            return broken;
        }
        JsonNode info = output.get("info");
        rule(broken, info.path("format_version").isTextual() && info.get("format_version").asText().equals(MegaDetectorFile.FORMAT_VERSION),
                "info.format_version is the string " + MegaDetectorFile.FORMAT_VERSION);
        rule(broken, info.path("detector").isTextual() && !info.get("detector").asText().isBlank(), "info.detector names the detector");
        rule(broken, info.path("detection_completion_time").asText().matches(BatchInfo.COMPLETION_TIME_PATTERN),
                "info.detection_completion_time is 'yyyy-MM-dd HH:mm:ss'");
        rule(broken, info.path("detector_metadata").isObject(), "info.detector_metadata is an object");
        rule(broken, output.get("detection_categories").equals(EXPECTED_CATEGORIES),
                "detection_categories is " + MegaDetectorCategories.NAMES + ", found " + output.get("detection_categories"));
        JsonNode images = output.get("images");
        if (!images.isArray()) {
            broken.add("images is an array");
            return broken;
        }
        List<String> files = new ArrayList<>();
        for (JsonNode image : images) {
            files.add(image.path("file").asText(null));
            checkImage(broken, image, outputThreshold);
        }
        rule(broken, files.equals(inputFiles), "images lists every input line exactly once, in input order: expected "
                + inputFiles + ", found " + files);
        return broken;
    }

    /** The detector's own {@code detector_metadata} (docs/megadetector-output-format.md, rule 2). */
    public static List<String> checkDetectorMetadata(JsonNode output, double outputThreshold) {
        List<String> broken = new ArrayList<>();
        JsonNode metadata = output.path("info").path("detector_metadata");
        for (String key : DETECTOR_METADATA_KEYS) {
            rule(broken, metadata.has(key), "info.detector_metadata has " + key);
        }
        if (!broken.isEmpty()) {
            return broken;
        }
        rule(broken, metadata.get("model_sha256").asText().matches("[0-9a-f]{64}"), "detector_metadata.model_sha256 is a SHA-256");
        rule(broken, metadata.get("output_confidence_threshold").asDouble() == outputThreshold,
                "detector_metadata.output_confidence_threshold is the run's threshold");
        JsonNode shard = metadata.get("shard");
        for (String key : SHARD_KEYS) {
            rule(broken, shard.path(key).isInt(), "detector_metadata.shard." + key + " is an integer");
        }
        rule(broken, shard.path("end_entry").asInt() - shard.path("first_entry").asInt() == output.path("images").size(),
                "detector_metadata.shard covers exactly the images listed");
        for (String key : TIMING_KEYS) {
            rule(broken, metadata.get("timing").has(key), "detector_metadata.timing has " + key);
        }
        for (String stage : TIMED_STAGES) {
            rule(broken, metadata.get("timing").path("mean_ms_per_photo").path(stage).isNumber(),
                    "detector_metadata.timing.mean_ms_per_photo." + stage + " is a number");
        }
        return broken;
    }

    /**
     * @throws InvalidBatchFile naming every broken rule
     */
    public static void requireValid(List<String> broken) {
        if (!broken.isEmpty()) {
            throw new InvalidBatchFile("the file breaks " + broken.size() + " rule(s) of docs/megadetector-output-format.md: "
                    + String.join("; ", broken));
        }
    }

    private static JsonNode categoriesNode() {
        ObjectNode categories = JsonNodeFactory.instance.objectNode();
        MegaDetectorCategories.NAMES.forEach(categories::put);
        return categories;
    }

    private static void checkImage(List<String> broken, JsonNode image, double outputThreshold) {
        String file = image.path("file").asText();
        rule(broken, image.path("file").isTextual() && !file.isBlank(), "every image has a file");
        rule(broken, IMAGE_FIELDS.containsAll(fieldNames(image)), file + ": only file, detections, failure and truncated, found "
                + fieldNames(image));
        rule(broken, image.has("detections"), file + ": detections is always present");
        if (image.has("truncated")) {
            rule(broken, !image.has("failure"), file + ": only a processed photo is truncated");
            rule(broken, image.get("truncated").isTextual() && !image.get("truncated").asText().isBlank(),
                    file + ": truncated says how much of the photo is there");
        }
        if (image.has("failure")) {
            rule(broken, image.get("failure").isTextual() && !image.get("failure").asText().isBlank(), file + ": failure is a reason");
            rule(broken, image.path("detections").isNull(), file + ": a failure has detections null");
            return;
        }
        JsonNode detections = image.path("detections");
        if (!detections.isArray()) {
            broken.add(file + ": a processed image has a detections array");
            return;
        }
        double previousConf = Double.MAX_VALUE;
        for (JsonNode detection : detections) {
            if (!fieldNames(detection).equals(DETECTION_FIELDS)) {
                broken.add(file + ": a detection is category, conf, bbox, found " + fieldNames(detection));
                continue;
            }
            rule(broken, detection.get("category").isTextual() && MegaDetectorCategories.NAMES.containsKey(detection.get("category").asText()),
                    file + ": category is a string id in detection_categories");
            JsonNode conf = detection.get("conf");
            rule(broken, conf.isFloatingPointNumber(), file + ": conf is a float, found " + conf);
            rule(broken, conf.asDouble() >= outputThreshold && conf.asDouble() <= 1, file + ": conf from the threshold to 1, found " + conf);
            rule(broken, decimals(conf) <= Detection.CONF_DIGITS, file + ": conf has at most 3 decimals, found " + conf);
            rule(broken, conf.asDouble() <= previousConf, file + ": detections are sorted best first");
            previousConf = conf.asDouble();
            checkBox(broken, file, detection.get("bbox"));
        }
    }

    private static void checkBox(List<String> broken, String file, JsonNode bbox) {
        if (!bbox.isArray() || bbox.size() != 4) {
            broken.add(file + ": bbox is [x_min, y_min, width, height], found " + bbox);
            return;
        }
        for (JsonNode coordinate : bbox) {
            rule(broken, coordinate.isFloatingPointNumber(), file + ": bbox values are floats, found " + bbox);
            rule(broken, decimals(coordinate) <= Detection.COORD_DIGITS, file + ": bbox values have at most 4 decimals, found " + bbox);
        }
        double x = bbox.get(0).asDouble();
        double y = bbox.get(1).asDouble();
        double width = bbox.get(2).asDouble();
        double height = bbox.get(3).asDouble();
        rule(broken, x >= 0 && y >= 0 && width > 0 && height > 0, file + ": bbox starts inside the photo and has an area, found " + bbox);
        rule(broken, x + width <= 1 + ROUNDING_SLACK && y + height <= 1 + ROUNDING_SLACK, file + ": bbox ends inside the photo, found " + bbox);
    }

    private static int decimals(JsonNode number) {
        return Math.max(0, new BigDecimal(number.asText()).stripTrailingZeros().scale());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void rule(List<String> broken, boolean kept, String rule) {
        if (!kept) {
            broken.add(rule);
        }
    }
}
