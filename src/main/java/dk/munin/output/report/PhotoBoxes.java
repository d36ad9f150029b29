package dk.munin.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.MegaDetectorCategories;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.Json;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The boxes to draw on the photos the page shows: read from stage1/detections.json for those
 * photos only (the file is streamed, never held), each marked as Stage-2 judged it: counted, or a
 * repeat detection (stage2/repeat_detections.json). Boxes below their threshold are not drawn,
 * as MegaDetector's visualisation leaves out boxes under its confidence threshold.
 */
final class PhotoBoxes {

    /** One box to draw: MegaDetector category name, confidence, normalised [x, y, w, h]. */
    record Box(String category, double conf, double x, double y, double w, double h, boolean repeat) {
    }

    /** One place that repeat-detection elimination flagged, and the photo shown for it. */
    record RepeatPlace(String reason, String camera, String file, int boxes) {
    }

    private final Map<String, List<Box>> byFile;
    private final List<RepeatPlace> repeatPlaces;
    private final int placeCount;

    private PhotoBoxes(Map<String, List<Box>> byFile, List<RepeatPlace> repeatPlaces, int placeCount) {
        this.byFile = byFile;
        this.repeatPlaces = repeatPlaces;
        this.placeCount = placeCount;
    }

    /**
     * @param files          the photos whose counted boxes are wanted
     * @param detectionsUri  stage1/detections.json; null when the detector did not run
     * @param repeatsUri     stage2/repeat_detections.json; null or absent when none were flagged
     * @param repeatPlaces   how many repeat places to show
     */
    static PhotoBoxes read(ObjectStore store, Collection<String> files, String detectionsUri, String repeatsUri,
                           ConfidenceThresholds thresholds, int repeatPlaces) {
        List<JsonNode> flags = flags(store, repeatsUri);
        Map<String, RepeatPlace> places = new LinkedHashMap<>();
        for (JsonNode flag : flags) {
            String reason = flag.path("reason").asText("");
            RepeatPlace known = places.get(reason);
            places.put(reason, known == null
                    ? new RepeatPlace(reason, flag.path("camera").asText(""), flag.path("file").asText(""), 1)
                    : new RepeatPlace(reason, known.camera(), known.file(), known.boxes() + 1));
        }
        List<RepeatPlace> shown = places.values().stream().limit(repeatPlaces).toList();
        Set<String> shownFiles = new HashSet<>(files);
        Set<String> repeatFiles = new HashSet<>();
        shown.forEach(place -> repeatFiles.add(place.file()));
        shownFiles.addAll(repeatFiles);
        Set<String> repeatKeys = new HashSet<>();
        flags.forEach(flag -> repeatKeys.add(key(flag.path("file").asText(""), flag.path("category").asText(""),
                flag.path("conf").asDouble(), bbox(flag.path("bbox")))));

        Map<String, List<Box>> byFile = new HashMap<>();
        if (detectionsUri != null && !shownFiles.isEmpty()) {
            Location detections = Location.parse(detectionsUri);
            MegaDetectorFile.stream(() -> store.open(detections), entry -> {
                if (!shownFiles.contains(entry.file()) || entry.detections() == null) {
                    return;
                }
                List<Box> boxes = new ArrayList<>();
                for (Detection detection : entry.detections()) {
                    String category = MegaDetectorCategories.name(detection.category());
                    double[] b = detection.bbox();
                    boolean repeat = repeatKeys.contains(key(entry.file(), category, detection.conf(), b));
                    if (repeat || detection.conf() >= thresholds.of(category)) {
                        boxes.add(new Box(category, detection.conf(), b[0], b[1], b[2], b[3], repeat));
                    }
                }
                byFile.put(entry.file(), boxes);
            });
        }
        return new PhotoBoxes(byFile, shown, places.size());
    }

    /** The boxes that count on the photo (repeat detections are shown apart). */
    List<Box> counted(String file) {
        return byFile.getOrDefault(file, List.of()).stream().filter(box -> !box.repeat()).toList();
    }

    /** The flagged boxes of the photo. */
    List<Box> repeats(String file) {
        return byFile.getOrDefault(file, List.of()).stream().filter(Box::repeat).toList();
    }

    /** The places shown, the first munin.report.repeat-thumbnails of them. */
    List<RepeatPlace> repeatPlaces() {
        return repeatPlaces;
    }

    /** Every place flagged, shown or not. */
    int placeCount() {
        return placeCount;
    }

    private static List<JsonNode> flags(ObjectStore store, String repeatsUri) {
        if (repeatsUri == null) {
            return List.of();
        }
        try {
            List<JsonNode> flags = new ArrayList<>();
            Json.parse(store.read(Location.parse(repeatsUri))).forEach(flags::add);
            return flags;
        } catch (ObjectNotFound e) {
            return List.of();
        }
    }

    private static double[] bbox(JsonNode node) {
        double[] bbox = new double[4];
        for (int i = 0; i < 4; i++) {
            bbox[i] = node.path(i).asDouble();
        }
        return bbox;
    }

    /** A box's identity across the two files: both round its numbers the same way, the detector's way. */
    private static String key(String file, String category, double conf, double[] bbox) {
        return String.format(java.util.Locale.ROOT, "%s|%s|%.3f|%.4f|%.4f|%.4f|%.4f", file, category, conf,
                bbox[0], bbox[1], bbox[2], bbox[3]);
    }
}
