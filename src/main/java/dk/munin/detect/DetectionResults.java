package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MegaDetector batch output file (stage1/detections.json), read into per-photo results
 * keyed by the photo's relative path ({@code file}).
 */
public final class DetectionResults {

    /** One box: category name (animal, person, vehicle), confidence and normalised [x, y, w, h]. */
    public record Detection(String category, double conf, double[] bbox) {
    }

    /** A photo's detections, or the reason the detector could not process it. */
    public record PhotoResult(String file, List<Detection> detections, String failure) {
    }

    private final Map<String, PhotoResult> byFile;

    private DetectionResults(Map<String, PhotoResult> byFile) {
        this.byFile = byFile;
    }

    public static DetectionResults parse(byte[] json) {
        JsonNode root = Json.parse(json);
        JsonNode images = root.path("images");
        if (!images.isArray()) {
            throw new IllegalArgumentException("Not a MegaDetector batch output file: no 'images' array");
        }
        Map<String, String> categories = categoryNames(root.path("detection_categories"));
        Map<String, PhotoResult> byFile = new LinkedHashMap<>();
        for (JsonNode image : images) {
            String file = image.path("file").asText();
            String failure = image.hasNonNull("failure") ? image.get("failure").asText() : null;
            List<Detection> detections = new ArrayList<>();
            for (JsonNode detection : image.path("detections")) {
                String category = categories.getOrDefault(detection.path("category").asText(), "unknown");
                JsonNode box = detection.path("bbox");
                detections.add(new Detection(category, detection.path("conf").asDouble(),
                        new double[]{box.path(0).asDouble(), box.path(1).asDouble(), box.path(2).asDouble(), box.path(3).asDouble()}));
            }
            byFile.put(file, new PhotoResult(file, List.copyOf(detections), failure));
        }
        return new DetectionResults(byFile);
    }

    private static Map<String, String> categoryNames(JsonNode categories) {
        Map<String, String> names = new LinkedHashMap<>(MegaDetectorCategories.NAMES);
        categories.fields().forEachRemaining(entry -> names.put(entry.getKey(), entry.getValue().asText()));
        return names;
    }

    public PhotoResult get(String file) {
        return byFile.get(file);
    }

    public Iterable<PhotoResult> photos() {
        return byFile.values();
    }

    public int size() {
        return byFile.size();
    }
}
