package dk.munin.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.photos.PhotoList;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.detect.PrecomputedMatcher.Match;
import dk.munin.state.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
        Location imagesJsonl = Location.parse(request.env(ContainerSettings.variable(ContainerSettings.INPUT_URI)));
        Location detections = Stage1Files.detections(Location.parse(request.env(ContainerSettings.variable(ContainerSettings.OUTPUT_URI))));
        Instant created = clock.instant();
        PrecomputedFile source = read(location());
        List<String> photos = PhotoList.files(store, imagesJsonl);
        Map<String, Match> matches = PrecomputedMatcher.match(photos, source.entries());

        store.write(detections, output(source, matches));
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

    private PrecomputedFile read(Location location) {
        try {
            return PrecomputedFile.parse(store.read(location), location.uri(), outputThreshold);
        } catch (ObjectNotFound e) {
            throw new DetectorNotConfigured("The precomputed MegaDetector file " + location + " does not exist (munin.detect.precomputed-file)");
        }
    }

    private byte[] output(PrecomputedFile source, Map<String, Match> matches) {
        ObjectNode metadata = Json.object();
        metadata.put("precomputed_file", source.source());
        metadata.put("precomputed_format_version", source.formatVersion());
        metadata.put("output_confidence_threshold", outputThreshold);
        if (source.info().path("detector_metadata").isObject()) {
            metadata.set("precomputed_detector_metadata", source.info().get("detector_metadata"));
        }
        BatchInfo info = new BatchInfo(source.info().path("detector").asText(DETECTOR_WITHOUT_NAME),
                source.info().path("detection_completion_time").asText(BatchInfo.completionTime(clock.instant())), metadata);
        List<ImageEntry> images = new ArrayList<>();
        matches.forEach((photo, match) -> images.add(image(photo, match)));
        return MegaDetectorFile.write(info, images);
    }

    /** The rules of docs/megadetector-output-format.md: detections, or a failure with detections null. */
    private static ImageEntry image(String photo, Match match) {
        String failure = match.entry() == null ? match.failure() : match.entry().failure();
        return failure != null ? ImageEntry.failedAs(photo, failure) : ImageEntry.detected(photo, match.entry().detections());
    }
}
