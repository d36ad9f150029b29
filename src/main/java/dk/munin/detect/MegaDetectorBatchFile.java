package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.state.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A MegaDetector batch output file made elsewhere (format 1.0 to 1.6), validated and read into
 * entries keyed by their normalised path. Detections are carried over with Munin's category
 * keys (1 animal, 2 person, 3 vehicle), found by the file's own category names; fields Munin
 * does not write (max_detection_conf, classifications) are dropped.
 */
final class MegaDetectorBatchFile {

    static final BigDecimal OLDEST = new BigDecimal("1.0");
    static final BigDecimal NEWEST = new BigDecimal("1.6");
    /** MegaDetector's categories by name; "human" is how some MegaDetector-compatible tools spell person. */
    private static final Map<String, String> MUNIN_KEYS = Map.of("animal", "1", "person", "2", "human", "2", "vehicle", "3");

    /** One image entry: processed with detections (best first), or failed with MegaDetector's reason. */
    record Entry(String path, ArrayNode detections, String failure) {
    }

    private final String source;
    private final JsonNode info;
    private final String formatVersion;
    private final Map<String, Entry> byPath;

    private MegaDetectorBatchFile(String source, JsonNode info, String formatVersion, Map<String, Entry> byPath) {
        this.source = source;
        this.info = info;
        this.formatVersion = formatVersion;
        this.byPath = byPath;
    }

    /**
     * @param source              where the file came from, for messages
     * @param confidenceThreshold detections below it are dropped, as the detector drops them
     */
    static MegaDetectorBatchFile parse(byte[] content, String source, double confidenceThreshold) {
        JsonNode root;
        try {
            root = Json.parse(content);
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
        if (!root.isObject()) {
            throw invalid(source, "the top level is not a JSON object");
        }
        String version = formatVersion(root.path("info"), source);
        Map<String, String> categories = categoryKeys(root.path("detection_categories"), source);
        JsonNode images = root.path("images");
        if (!images.isArray()) {
            throw invalid(source, "there is no 'images' array");
        }
        Map<String, Entry> byPath = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode image : images) {
            Entry entry = entry(image, index++, categories, confidenceThreshold, source);
            if (byPath.put(entry.path(), entry) != null) {
                throw invalid(source, "it lists '" + entry.path() + "' twice");
            }
        }
        return new MegaDetectorBatchFile(source, root.get("info"), version, byPath);
    }

    private static String formatVersion(JsonNode info, String source) {
        JsonNode version = info.path("format_version");
        if (!info.isObject() || !(version.isTextual() || version.isNumber())) {
            throw invalid(source, "it has no info.format_version");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(version.asText().trim());
        } catch (NumberFormatException e) {
            throw invalid(source, "info.format_version '" + version.asText() + "' is not a version number");
        }
        if (number.compareTo(OLDEST) < 0 || number.compareTo(NEWEST) > 0) {
            throw invalid(source, "format_version " + version.asText() + " is not one Munin reads (" + OLDEST + " to " + NEWEST + ")");
        }
        return version.asText().trim();
    }

    /** The file's category keys mapped to Munin's; a file without detection_categories uses MegaDetector's own. */
    private static Map<String, String> categoryKeys(JsonNode categories, String source) {
        if (categories.isMissingNode() || categories.isNull()) {
            return Map.of("1", "1", "2", "2", "3", "3");
        }
        if (!categories.isObject()) {
            throw invalid(source, "detection_categories is not an object");
        }
        Map<String, String> keys = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = categories.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> category = it.next();
            String name = category.getValue().asText().trim().toLowerCase(Locale.ROOT);
            String muninKey = MUNIN_KEYS.get(name);
            if (muninKey == null) {
                throw invalid(source, "detection category '" + category.getKey() + "' is '" + category.getValue().asText()
                        + "'; Munin knows animal, person and vehicle only");
            }
            keys.put(category.getKey(), muninKey);
        }
        return keys;
    }

    private static Entry entry(JsonNode image, int index, Map<String, String> categories, double threshold, String source) {
        JsonNode file = image.path("file");
        if (!file.isTextual() || file.asText().isBlank()) {
            throw invalid(source, "images[" + index + "] has no 'file'");
        }
        String path = normalise(file.asText());
        JsonNode failure = image.path("failure");
        if (failure.isTextual()) {
            return new Entry(path, null, failure.asText());
        }
        JsonNode detections = image.path("detections");
        if (!detections.isArray()) {
            throw invalid(source, "'" + file.asText() + "' has neither a detections list nor a failure");
        }
        ArrayNode kept = Json.MAPPER.createArrayNode();
        for (JsonNode detection : detections) {
            ObjectNode converted = detection(detection, categories, file.asText(), source);
            if (converted.get("conf").asDouble() >= threshold) {
                kept.add(converted);
            }
        }
        sortBestFirst(kept);
        return new Entry(path, kept, null);
    }

    private static ObjectNode detection(JsonNode detection, Map<String, String> categories, String file, String source) {
        String category = categories.get(detection.path("category").asText());
        JsonNode conf = detection.path("conf");
        JsonNode bbox = detection.path("bbox");
        if (category == null) {
            throw invalid(source, "'" + file + "' has a detection of category '" + detection.path("category").asText()
                    + "', which detection_categories does not name");
        }
        if (!conf.isNumber() || conf.asDouble() < 0 || conf.asDouble() > 1) {
            throw invalid(source, "'" + file + "' has a detection whose conf is not a number from 0 to 1: " + conf);
        }
        if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
            throw invalid(source, "'" + file + "' has a detection whose bbox is not four numbers: " + bbox);
        }
        ObjectNode converted = Json.object().put("category", category).put("conf", conf.asDouble());
        ArrayNode box = converted.putArray("bbox");
        bbox.forEach(value -> box.add(value.asDouble()));
        return converted;
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode value : array) {
            if (!value.isNumber()) {
                return false;
            }
        }
        return true;
    }

    private static void sortBestFirst(ArrayNode detections) {
        List<JsonNode> sorted = new ArrayList<>();
        detections.forEach(sorted::add);
        sorted.sort((a, b) -> Double.compare(b.get("conf").asDouble(), a.get("conf").asDouble()));
        detections.removeAll();
        sorted.forEach(detections::add);
    }

    /**
     * '/' separators (MegaDetector run on Windows writes '\'), no leading "./". Case is kept:
     * camera-trap folders often differ only in case on a case-sensitive store.
     */
    static String normalise(String path) {
        String slashed = path.trim().replace('\\', '/');
        while (slashed.startsWith("./")) {
            slashed = slashed.substring(2);
        }
        return slashed;
    }

    private static InvalidPrecomputedDetections invalid(String source, String reason) {
        return new InvalidPrecomputedDetections("The precomputed MegaDetector file " + source
                + " (munin.detect.precomputed-file) cannot be used: " + reason);
    }

    String source() {
        return source;
    }

    String formatVersion() {
        return formatVersion;
    }

    /** The file's info block, for its detector name and completion time. */
    JsonNode info() {
        return info;
    }

    Map<String, Entry> entries() {
        return byPath;
    }
}
