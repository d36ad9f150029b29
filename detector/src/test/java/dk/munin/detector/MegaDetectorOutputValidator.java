package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.detector.output.MegaDetectorOutput;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks a detections.json against every rule in docs/megadetector-output-format.md, so the
 * tests hold the detector to its documented contract rather than to its current behaviour.
 */
final class MegaDetectorOutputValidator {

    private static final Set<String> TOP_LEVEL = Set.of("info", "detection_categories", "images");
    private static final Set<String> IMAGE_FIELDS = Set.of("file", "detections", "failure");
    private static final Set<String> DETECTION_FIELDS = Set.of("category", "conf", "bbox");
    /** The detector_metadata keys docs/megadetector-output-format.md promises in every file Munin writes. */
    static final List<String> METADATA_KEYS = List.of("image_size", "model_layout", "model_input_shape", "model_output_shape",
            "model_sha256", "input_format", "class_vocabulary", "class_mapping", "output_confidence_threshold",
            "nms_iou_threshold", "reduced_decode", "shard", "timing");
    private static final List<String> SHARD_KEYS = List.of("index", "count", "first_entry", "end_entry", "entries");
    private static final List<String> TIMING_KEYS = List.of("photos_timed", "wall_seconds", "photos_per_second", "threads", "mean_ms_per_photo");
    private static final List<String> STAGES = List.of("read", "decode", "preprocess", "inference", "postprocess");
    private static final String CATEGORIES = "{\"1\":\"animal\",\"2\":\"person\",\"3\":\"vehicle\"}";
    private static final String COMPLETION_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";
    private static final int CONF_DIGITS = 3;
    private static final int COORD_DIGITS = 4;

    private MegaDetectorOutputValidator() {
    }

    /**
     * @param inputFiles      the {@code file} of every images.jsonl line, in file order
     * @param outputThreshold the run's DETECTOR_OUTPUT_THRESHOLD
     * @throws AssertionError naming the first broken rule
     */
    static void validate(JsonNode output, List<String> inputFiles, double outputThreshold) {
        check(output.isObject() && fieldNames(output).equals(TOP_LEVEL),
                "top level holds exactly info, detection_categories and images, found " + fieldNames(output));

        JsonNode info = output.get("info");
        check(info.path("format_version").isTextual()
                        && info.get("format_version").asText().equals(MegaDetectorOutput.FORMAT_VERSION),
                "info.format_version is the string " + MegaDetectorOutput.FORMAT_VERSION);
        check(info.path("detector").isTextual() && !info.get("detector").asText().isBlank(), "info.detector names the model file");
        check(info.path("detection_completion_time").asText().matches(COMPLETION_TIME),
                "info.detection_completion_time is 'yyyy-MM-dd HH:mm:ss'");
        JsonNode metadata = info.path("detector_metadata");
        check(metadata.isObject(), "info.detector_metadata is an object");
        for (String key : METADATA_KEYS) {
            check(metadata.has(key), "info.detector_metadata has " + key);
        }
        check(metadata.get("model_sha256").asText().matches("[0-9a-f]{64}"), "detector_metadata.model_sha256 is a SHA-256");
        check(metadata.get("output_confidence_threshold").asDouble() == outputThreshold,
                "detector_metadata.output_confidence_threshold is the run's threshold");
        for (String key : SHARD_KEYS) {
            check(metadata.get("shard").path(key).isInt(), "detector_metadata.shard." + key + " is an integer");
        }
        JsonNode shard = metadata.get("shard");
        check(shard.get("end_entry").asInt() - shard.get("first_entry").asInt() == inputFiles.size(),
                "detector_metadata.shard covers exactly the images listed");
        for (String key : TIMING_KEYS) {
            check(metadata.get("timing").has(key), "detector_metadata.timing has " + key);
        }
        for (String stage : STAGES) {
            check(metadata.get("timing").path("mean_ms_per_photo").path(stage).isNumber(),
                    "detector_metadata.timing.mean_ms_per_photo." + stage + " is a number");
        }

        check(output.get("detection_categories").toString().equals(CATEGORIES),
                "detection_categories is " + CATEGORIES + ", found " + output.get("detection_categories"));

        JsonNode images = output.get("images");
        check(images.isArray(), "images is an array");
        List<String> files = new ArrayList<>();
        for (JsonNode image : images) {
            files.add(image.path("file").asText(null));
            validateImage(image, outputThreshold);
        }
        check(files.equals(inputFiles), "images lists every input line exactly once, in input order: expected "
                + inputFiles + ", found " + files);
    }

    private static void validateImage(JsonNode image, double outputThreshold) {
        String file = image.path("file").asText();
        check(image.path("file").isTextual() && !file.isBlank(), "every image has a file");
        check(IMAGE_FIELDS.containsAll(fieldNames(image)), file + ": only file, detections and failure, found " + fieldNames(image));
        check(image.has("detections"), file + ": detections is always present");
        if (image.has("failure")) {
            check(image.get("failure").isTextual() && !image.get("failure").asText().isBlank(), file + ": failure is a reason");
            check(image.get("detections").isNull(), file + ": a failure has detections null");
            return;
        }
        JsonNode detections = image.get("detections");
        check(detections.isArray(), file + ": a processed image has a detections array");
        double previousConf = Double.MAX_VALUE;
        for (JsonNode detection : detections) {
            check(fieldNames(detection).equals(DETECTION_FIELDS), file + ": a detection is category, conf, bbox");
            check(CATEGORIES.contains("\"" + detection.get("category").asText() + "\"")
                    && detection.get("category").isTextual(), file + ": category is a string id in detection_categories");
            JsonNode conf = detection.get("conf");
            check(conf.isFloatingPointNumber(), file + ": conf is a float");
            check(conf.asDouble() >= outputThreshold && conf.asDouble() <= 1, file + ": conf from the threshold to 1, found " + conf);
            check(decimals(conf) <= CONF_DIGITS, file + ": conf has at most 3 decimals, found " + conf);
            check(conf.asDouble() <= previousConf, file + ": detections are sorted best first");
            previousConf = conf.asDouble();
            validateBox(file, detection.get("bbox"));
        }
    }

    private static void validateBox(String file, JsonNode bbox) {
        check(bbox.isArray() && bbox.size() == 4, file + ": bbox is [x_min, y_min, width, height]");
        for (JsonNode coordinate : bbox) {
            check(coordinate.isFloatingPointNumber(), file + ": bbox values are floats, found " + bbox);
            check(decimals(coordinate) <= COORD_DIGITS, file + ": bbox values have at most 4 decimals, found " + bbox);
        }
        double x = bbox.get(0).asDouble();
        double y = bbox.get(1).asDouble();
        double width = bbox.get(2).asDouble();
        double height = bbox.get(3).asDouble();
        double roundingSlack = 1e-9;
        check(x >= 0 && y >= 0 && width > 0 && height > 0, file + ": bbox starts inside the photo and has an area, found " + bbox);
        check(x + width <= 1 + roundingSlack && y + height <= 1 + roundingSlack, file + ": bbox ends inside the photo, found " + bbox);
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

    private static void check(boolean rule, String description) {
        if (!rule) {
            throw new AssertionError("detections.json breaks a rule: " + description);
        }
    }
}
