package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.detector.output.ImageResult;
import dk.munin.detector.output.MegaDetectorOutput;
import dk.munin.detector.storage.Storage;
import dk.munin.detector.storage.StorageLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run's finished photos, saved every few photos so that a restarted run (a Spot instance
 * reclaimed, a Batch retry, a killed laptop run) continues where the last one stopped.
 *
 * <p>Layout below OUTPUT_URI: {@code checkpoints/<shard label>/<run key>/part-<first>-<end>.json},
 * one file per batch of photos {@code [first, end)} of the shard's slice, each written atomically
 * and holding only that batch's {@code images} entries, so saving costs the same at photo 100 as
 * at photo 100,000. The run key is a hash of everything that shapes the results (model SHA-256,
 * photo-list SHA-256, shard, layout, thresholds, ...): a run with another model or photo list
 * looks in another folder and never mixes its results with these.
 */
final class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    static final String FOLDER = "checkpoints";
    private static final Pattern PART = Pattern.compile("part-(\\d{8})-(\\d{8})\\.json");

    private final Storage storage;
    private final StorageLocation checkpointsFolder;
    private final StorageLocation shardFolder;
    private final StorageLocation runFolder;
    private final String runKey;

    Checkpoints(Storage storage, StorageLocation outputFolder, Shard shard, String runKey) {
        this.storage = storage;
        this.checkpointsFolder = outputFolder.child(FOLDER);
        this.shardFolder = checkpointsFolder.child(shard.label());
        this.runFolder = shardFolder.child(runKey);
        this.runKey = runKey;
    }

    StorageLocation folder() {
        return runFolder;
    }

    /**
     * The results saved by earlier runs with the same key: the longest run of parts from the
     * slice's first photo on without a gap, checked against the slice's file names.
     */
    List<ImageResult> restore(List<PhotoListEntry> slice) throws IOException {
        warnAboutOtherRuns();
        List<String> names = storage.list(runFolder);
        List<ImageResult> restored = new ArrayList<>();
        for (String name : names) {
            Matcher part = PART.matcher(name);
            if (!part.matches() || Integer.parseInt(part.group(1)) != restored.size()) {
                continue;   // sorted by name = by first photo; a part that does not continue the prefix is not used
            }
            int end = Integer.parseInt(part.group(2));
            List<ImageResult> images = readPart(name, restored.size(), end, slice);
            if (images == null) {
                break;
            }
            restored.addAll(images);
        }
        return restored;
    }

    private List<ImageResult> readPart(String name, int first, int end, List<PhotoListEntry> slice) throws IOException {
        JsonNode part;
        List<ImageResult> images;
        try {
            part = MegaDetectorOutput.parse(storage.read(runFolder.child(name)));
            images = MegaDetectorOutput.parseImages(part.get("images"));
        } catch (IllegalArgumentException unusable) {
            LOG.warn("checkpoint {} is unusable ({}); photos from {} on are detected again", runFolder.child(name), unusable.getMessage(), first);
            return null;
        }
        boolean fits = runKey.equals(part.path("run_key").asText()) && end <= slice.size() && images.size() == end - first;
        for (int i = 0; fits && i < images.size(); i++) {
            fits = images.get(i).file().equals(slice.get(first + i).file());
        }
        if (!fits) {
            LOG.warn("checkpoint {} does not match this run's photo list; photos from {} on are detected again", runFolder.child(name), first);
            return null;
        }
        return images;
    }

    /** Saves the results of the slice's photos {@code [first, first + images.size())}. */
    void save(int first, List<ImageResult> images) throws IOException {
        int end = first + images.size();
        ObjectNode part = MegaDetectorOutput.object();
        part.put("run_key", runKey);
        part.put("first", first);
        part.put("end", end);
        part.set("images", MegaDetectorOutput.imagesNode(images));
        storage.writeAtomically(runFolder.child(partName(first, end)), MegaDetectorOutput.bytes(part));
    }

    static String partName(int first, int end) {
        return String.format(Locale.ROOT, "part-%08d-%08d.json", first, end);
    }

    /** Once the final file exists the checkpoints are spent: removes them (and locally, their emptied folders). */
    void removeAll(boolean wholeRun) throws IOException {
        storage.deleteTree(runFolder);
        storage.removeIfEmpty(shardFolder);
        if (wholeRun) {
            // shards share this folder and may still be writing into it; only a whole run tidies it away
            storage.removeIfEmpty(checkpointsFolder);
        }
    }

    private void warnAboutOtherRuns() throws IOException {
        Set<String> otherRuns = new TreeSet<>();
        for (String name : storage.list(shardFolder)) {
            String run = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            if (!run.equals(runKey)) {
                otherRuns.add(run);
            }
        }
        for (String run : otherRuns) {
            LOG.warn("ignoring the checkpoints in {}: they belong to a run with another model, photo list or settings",
                    shardFolder.child(run));
        }
    }
}
