package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.detect.PrecomputedMatcher.Match;
import dk.munin.state.Json;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code munin.detect.mode=precomputed}: for researchers who already ran MegaDetector. Instead of
 * running a detector, it reads their MegaDetector batch output file (format 1.0 to 1.6), finds
 * each photo of images.jsonl in it (see {@link PrecomputedMatcher} for the rule), and writes
 * {@code <OUTPUT_URI>/detections.json} in images.jsonl order in the format the detector writes.
 * A photo the file does not have gets {@code failure: "not in the precomputed MegaDetector file"}.
 *
 * <p>An array job is answered the same way: this driver always writes detections.json itself,
 * so MergeDetections finds no shards and keeps it.
 */
public class PrecomputedDetections implements DetectorDriver {

    private static final Logger LOG = LoggerFactory.getLogger(PrecomputedDetections.class);
    /** MegaDetector's own format for detection_completion_time. */
    private static final DateTimeFormatter COMPLETION_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String DETECTOR_WITHOUT_NAME = "MegaDetector (precomputed, detector not named in the file)";

    private final ObjectStore store;
    private final String precomputedFile;
    private final double outputThreshold;
    private final Clock clock;

    /**
     * @param precomputedFile munin.detect.precomputed-file: a path, file: URI or s3:// URI
     * @param outputThreshold munin.detect.output-threshold: detections below it are left out, as the detector leaves them out
     */
    public PrecomputedDetections(ObjectStore store, String precomputedFile, double outputThreshold, Clock clock) {
        this.store = store;
        this.precomputedFile = precomputedFile == null ? "" : precomputedFile.trim();
        this.outputThreshold = outputThreshold;
        this.clock = clock;
    }

    @Override
    public void checkConfigured() {
        if (precomputedFile.isEmpty()) {
            throw new DetectorNotConfigured("munin.detect.mode is precomputed, but munin.detect.precomputed-file is empty: set it "
                    + "to your MegaDetector batch output file (a path or an s3:// URI), e.g. -Dmunin.detect.precomputed-file=md_results.json");
        }
        Location location = location();
        if (!store.exists(location)) {
            throw new DetectorNotConfigured("The precomputed MegaDetector file " + location + " does not exist (munin.detect.precomputed-file)");
        }
    }

    private Location location() {
        try {
            return Location.parse(precomputedFile);
        } catch (IllegalArgumentException e) {
            throw new DetectorNotConfigured("munin.detect.precomputed-file: " + e.getMessage());
        }
    }

    @Override
    public ObjectNode submitJob(JsonNode parameters) {
        checkConfigured();
        JobRequest request = JobRequest.from(parameters);
        Location imagesJsonl = Location.parse(request.env("INPUT_URI"));
        Location detections = Stage1Files.detections(Location.parse(request.env("OUTPUT_URI")));
        Instant created = clock.instant();
        MegaDetectorBatchFile source = read(location());
        List<String> photos = PhotoList.files(store, imagesJsonl);
        Map<String, Match> matches = PrecomputedMatcher.match(photos, source.entries());

        ObjectNode output = output(source, matches);
        store.write(detections, Json.writePretty(output));
        long found = matches.values().stream().filter(match -> match.entry() != null).count();
        String summary = found + " of " + photos.size() + " photos found in " + source.source() + " (format " + source.formatVersion() + ")";
        LOG.info("Precomputed detections: {}; wrote {}", summary, detections);
        if (found < photos.size()) {
            LOG.warn("{} photos are not in the precomputed file (or ambiguous there); detections.json marks them as failures",
                    photos.size() - found);
        }
        if (request.isArray()) {
            LOG.info("The precomputed driver ignores the array of {} shards: it wrote the whole detections.json", request.arraySize());
        }
        return LocalJobDescription.succeeded(UUID.randomUUID().toString(), request, "Precomputed detections: " + summary,
                created, clock.instant());
    }

    private MegaDetectorBatchFile read(Location location) {
        try {
            return MegaDetectorBatchFile.parse(store.read(location), location.uri(), outputThreshold);
        } catch (ObjectNotFound e) {
            throw new DetectorNotConfigured("The precomputed MegaDetector file " + location + " does not exist (munin.detect.precomputed-file)");
        }
    }

    private ObjectNode output(MegaDetectorBatchFile source, Map<String, Match> matches) {
        ObjectNode output = Json.object();
        ObjectNode info = output.putObject("info");
        info.put("format_version", Stage1Files.FORMAT_VERSION);
        info.put("detector", source.info().path("detector").asText(DETECTOR_WITHOUT_NAME));
        info.put("detection_completion_time", source.info().path("detection_completion_time")
                .asText(COMPLETION_TIME.format(clock.instant())));
        ObjectNode metadata = info.putObject("detector_metadata");
        metadata.put("precomputed_file", source.source());
        metadata.put("precomputed_format_version", source.formatVersion());
        metadata.put("output_confidence_threshold", outputThreshold);
        if (source.info().path("detector_metadata").isObject()) {
            metadata.set("precomputed_detector_metadata", source.info().get("detector_metadata"));
        }
        ObjectNode categories = output.putObject("detection_categories");
        MegaDetectorCategories.NAMES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(category -> categories.put(category.getKey(), category.getValue()));
        ArrayNode images = output.putArray("images");
        matches.forEach((photo, match) -> images.add(image(photo, match)));
        return output;
    }

    /** The rules of docs/megadetector-output-format.md: detections, or a failure with detections null. */
    private static ObjectNode image(String photo, Match match) {
        ObjectNode image = Json.object().put("file", photo);
        String failure = match.entry() == null ? match.failure() : match.entry().failure();
        if (failure != null) {
            image.put("failure", failure);
            image.putNull("detections");
        } else {
            image.set("detections", match.entry().detections().deepCopy());
        }
        return image;
    }
}
