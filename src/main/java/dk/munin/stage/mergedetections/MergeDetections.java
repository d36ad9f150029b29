package dk.munin.stage.mergedetections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.megadetector.BatchOutput;
import dk.munin.contract.megadetector.InvalidBatchFile;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.photos.PhotoList;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.state.CostEstimate;
import dk.munin.state.DetectionsMerged;
import dk.munin.state.DetectorTime;
import dk.munin.state.Json;
import dk.munin.state.RunState;
import dk.munin.state.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static dk.munin.state.RunState.need;

/**
 * MergeDetections: after the detection job, makes sure {@code stage1/detections.json} is whole.
 * For an array job of N shards it joins {@code shards/detections-<i>-of-<N>.json} into
 * detections.json in images.jsonl order. Without shard files (a single job, or a driver that
 * writes detections.json itself) it leaves an existing detections.json as it is, after checking
 * that it lists exactly the photos of images.jsonl. Photos the detector did not reach because it
 * stopped at its budget or at max_runtime_min are entries too (their failure says so): the file
 * is complete, and they are counted into {@code merge_detections.stopped} and {@code photos_not_detected}.
 *
 * <p>Idempotent: a second run with the same shard files writes the same detections.json.
 */
public class MergeDetections {

    private static final Stage STAGE = Stage.MERGE_DETECTIONS;
    private static final Logger LOG = LoggerFactory.getLogger(MergeDetections.class);
    /** How many missing photos a message names before it only counts them. */
    private static final int NAMED_IN_MESSAGE = 5;

    private final ObjectStore store;

    public MergeDetections(ObjectStore store) {
        this.store = store;
    }

    public ObjectNode merge(JsonNode input) {
        RunState state = RunState.read(STAGE, input);
        CostEstimate estimate = need(STAGE, RunState.COST_ESTIMATION, state.costEstimation());
        Location stage1 = Location.parse(estimate.stage1Uri());
        Location detections = Stage1Files.detections(stage1);
        int shards = Math.max(1, estimate.shards());
        List<String> photos = PhotoList.files(store, Location.parse(need(STAGE, RunState.STAGE0_EXIF, state.stage0Exif()).imagesUri()));

        List<Location> shardFiles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; shards > 1 && i < shards; i++) {
            Location shard = Stage1Files.shard(stage1, i, shards);
            shardFiles.add(shard);
            if (!store.exists(shard)) {
                missing.add(shard.name());
            }
        }
        boolean fromShards = shards > 1 && missing.size() < shards;
        StopTally stops = new StopTally();
        if (fromShards && !missing.isEmpty()) {
            throw new DetectionsIncomplete("The detection job of " + shards + " shards left " + missing.size()
                    + " shard file(s) missing in " + stage1.resolve(Stage1Files.SHARDS_FOLDER) + ": " + String.join(", ", missing));
        }
        DetectorTime time = DetectorTime.NONE;
        if (fromShards) {
            ObjectNode merged = joinShards(shardFiles, photos, stops);
            store.write(detections, Json.writePretty(merged));
            for (JsonNode timing : merged.at("/info/detector_metadata/timing/per_shard")) {
                time = time.plus(timing);
            }
            LOG.info("Merged {} shard files into {} ({} photos)", shards, detections, photos.size());
        } else {
            time = time.plus(checkComplete(detections, photos, shards, stops).path("detector_metadata").path("timing"));
            LOG.info("{} is complete ({} photos); nothing to merge", detections, photos.size());
        }
        if (stops.stopped() != null) {
            LOG.warn("The detector stopped at its {}: {} of {} photos were not detected", stops.stopped(), stops.notDetected(), photos.size());
        }
        return state.withMergeDetections(new DetectionsMerged(shards, fromShards, photos.size(), detections.uri(),
                stops.notDetected(), stops.stopped(), time)).toJson();
    }

    /**
     * detections.json written by the job itself: it must be there and list every photo, in order.
     * Read entry by entry ({@link MegaDetectorFile#stream}), since a shard of a hundred thousand
     * photos writes a file of hundreds of MB, whose JSON tree would need several times that in heap.
     * Returns its info block.
     */
    private JsonNode checkComplete(Location detections, List<String> photos, int shards, StopTally stops) {
        if (!store.exists(detections)) {
            throw new DetectionsIncomplete("The detection job wrote no " + detections
                    + (shards > 1 ? " and none of its " + shards + " shard files (" + Stage1Files.shardName(0, shards) + ", ...)" : ""));
        }
        InOrder listed = new InOrder(photos);
        BatchOutput file;
        try {
            file = MegaDetectorFile.stream(() -> store.open(detections), image -> {
                listed.add(image.file());
                stops.add(image.failure());
            });
        } catch (InvalidBatchFile e) {
            throw new DetectionsIncomplete(detections + " is not a MegaDetector batch output file: " + e.getMessage());
        }
        if (listed.difference() != null) {
            throw new DetectionsIncomplete(detections + " does not list the " + photos.size() + " photos of images.jsonl in order ("
                    + listed.entries() + " entries); " + listed.difference() + ". Is it left over from another run of this session?");
        }
        return file.info();
    }

    /** A file's entries against images.jsonl's photos as they stream past: only the count and the first difference are kept. */
    private static final class InOrder {
        private final List<String> photos;
        private int entries;
        private String difference;

        InOrder(List<String> photos) {
            this.photos = photos;
        }

        void add(String file) {
            if (difference == null && entries >= photos.size()) {
                difference = "it goes on after the last photo with " + file;
            } else if (difference == null && !photos.get(entries).equals(file)) {
                difference = "entry " + entries + " is " + file + " where images.jsonl has " + photos.get(entries);
            }
            entries++;
        }

        int entries() {
            return entries;
        }

        /** The first difference, or null when the file lists exactly the photos. */
        String difference() {
            return difference == null && entries < photos.size() ? "it ends before " + photos.get(entries) : difference;
        }
    }

    /** The shards' images, put in images.jsonl order, under the first shard's info with the last completion time. */
    private ObjectNode joinShards(List<Location> shardFiles, List<String> photos, StopTally stops) {
        ObjectNode merged = null;
        String completion = null;
        List<JsonNode> timings = new ArrayList<>();
        Map<String, JsonNode> byFile = new HashMap<>();
        List<String> inShardOrder = new ArrayList<>();
        for (Location shardFile : shardFiles) {
            JsonNode shard = Json.parse(store.read(shardFile));
            if (merged == null) {
                merged = ((ObjectNode) shard).deepCopy();
            } else if (!Objects.equals(merged.get("detection_categories"), shard.get("detection_categories"))) {
                throw new DetectionsIncomplete(shardFile + " has other detection_categories than the first shard: "
                        + shard.get("detection_categories"));
            }
            timings.add(shard.path("info").path("detector_metadata").path("timing"));
            String time = shard.path("info").path("detection_completion_time").asText(null);
            if (time != null && (completion == null || time.compareTo(completion) > 0)) {
                completion = time;
            }
            for (JsonNode image : images(shard, shardFile)) {
                String file = image.path("file").asText();
                if (byFile.put(file, image) != null) {
                    throw new DetectionsIncomplete("The photo " + file + " is in more than one shard (again in " + shardFile.name() + ")");
                }
                inShardOrder.add(file);
                stops.add(image.path("failure").isTextual() ? image.path("failure").asText() : null);
            }
        }
        Set<String> expected = new HashSet<>(photos);
        List<String> absent = photos.stream().filter(photo -> !byFile.containsKey(photo)).toList();
        List<String> extra = inShardOrder.stream().filter(file -> !expected.contains(file)).toList();
        if (!absent.isEmpty() || !extra.isEmpty()) {
            throw new DetectionsIncomplete("The shards do not match the photos of images.jsonl: " + absent.size()
                    + " photo(s) in no shard" + named(absent) + "; " + extra.size() + " shard entries not in images.jsonl" + named(extra));
        }
        if (!inShardOrder.equals(photos)) {
            LOG.warn("The shards list the photos in another order than images.jsonl; detections.json follows images.jsonl");
        }
        ArrayNode images = merged.putArray("images");
        photos.forEach(photo -> images.add(byFile.get(photo)));
        if (completion != null && merged.path("info").isObject()) {
            ((ObjectNode) merged.get("info")).put("detection_completion_time", completion);
        }
        describeTheWhole(merged.path("info").path("detector_metadata"), shardFiles.size(), photos.size(), timings);
        return merged;
    }

    /**
     * The first shard's detector_metadata describes that shard; in the merged file its {@code shard}
     * covers every entry of all N shards, and its {@code timing} lists each shard's timing.
     */
    private static void describeTheWhole(JsonNode metadata, int shards, int entries, List<JsonNode> timings) {
        if (!(metadata instanceof ObjectNode whole)) {
            return;
        }
        if (whole.has("shard")) {
            whole.putObject("shard").put("count", shards).put("first_entry", 0).put("end_entry", entries).put("entries", entries);
        }
        if (whole.has("timing")) {
            ArrayNode perShard = whole.putObject("timing").putArray("per_shard");
            timings.forEach(timing -> perShard.add(timing.isMissingNode() ? Json.MAPPER.nullNode() : timing));
        }
    }

    private static JsonNode images(JsonNode file, Location where) {
        JsonNode images = file.path("images");
        if (!file.isObject() || !images.isArray()) {
            throw new DetectionsIncomplete(where + " is not a MegaDetector batch output file: it has no 'images' array");
        }
        return images;
    }

    private static String named(List<String> files) {
        if (files.isEmpty()) {
            return "";
        }
        List<String> shown = files.subList(0, Math.min(NAMED_IN_MESSAGE, files.size()));
        return " (" + String.join(", ", shown) + (files.size() > shown.size() ? ", ..." : "") + ")";
    }
}
