package dk.munin.detector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.InvalidBatchFile;
import dk.munin.contract.megadetector.MegaDetectorFile;
import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.contract.stage1.Stage1Files;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectNotFound;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.contract.storage.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 *
 * <p>Each part also records {@code spent_seconds}, what the shard had spent when it was saved
 * (its earlier attempts included), so that a retry holds the same budget rather than starting
 * from zero. What an attempt spent after its last checkpoint is not recorded: at most the time of
 * DETECTOR_CHECKPOINT_EVERY photos, and its start-up when it saved none.
 */
final class Checkpoints {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PART = Pattern.compile("part-(\\d{8})-(\\d{8})\\.json");

    private final ObjectStore storage;
    private final Location checkpointsFolder;
    private final Location shardFolder;
    private final Location runFolder;
    private final String runKey;
    private double restoredSpentSeconds;

    Checkpoints(ObjectStore storage, Location outputFolder, Shard shard, String runKey) {
        this.storage = storage;
        this.checkpointsFolder = Stage1Files.checkpoints(outputFolder);
        this.shardFolder = checkpointsFolder.resolve(shard.label());
        this.runFolder = shardFolder.resolve(runKey);
        this.runKey = runKey;
    }

    Location folder() {
        return runFolder;
    }

    /**
     * The results saved by earlier runs with the same key: the longest run of parts from the
     * slice's first photo on without a gap, checked against the slice's file names.
     */
    List<ImageEntry> restore(List<PhotoListEntry> slice) {
        warnAboutOtherRuns();
        List<String> names = names(runFolder);
        List<ImageEntry> restored = new ArrayList<>();
        restoredSpentSeconds = 0;
        for (String name : names) {
            Matcher part = PART.matcher(name);
            if (!part.matches() || Integer.parseInt(part.group(1)) != restored.size()) {
                continue;   // sorted by name = by first photo; a part that does not continue the prefix is not used
            }
            int end = Integer.parseInt(part.group(2));
            List<ImageEntry> images = readPart(name, restored.size(), end, slice);
            if (images == null) {
                break;
            }
            restored.addAll(images);
        }
        return restored;
    }

    /** What the shard had spent by the last checkpoint {@link #restore} used: 0 when it used none. */
    double restoredSpentSeconds() {
        return restoredSpentSeconds;
    }

    private List<ImageEntry> readPart(String name, int first, int end, List<PhotoListEntry> slice) {
        JsonNode part;
        List<ImageEntry> images;
        try {
            part = JSON.readTree(storage.read(runFolder.resolve(name)));
            images = MegaDetectorFile.readImages(part.get("images"));
        } catch (IOException | InvalidBatchFile unusable) {
            LOG.warn("checkpoint {} is unusable ({}); photos from {} on are detected again", runFolder.resolve(name), unusable.getMessage(), first);
            return null;
        }
        boolean fits = runKey.equals(part.path("run_key").asText()) && end <= slice.size() && images.size() == end - first;
        for (int i = 0; fits && i < images.size(); i++) {
            fits = images.get(i).file().equals(slice.get(first + i).file());
        }
        if (!fits) {
            LOG.warn("checkpoint {} does not match this run's photo list; photos from {} on are detected again", runFolder.resolve(name), first);
            return null;
        }
        restoredSpentSeconds = Math.max(restoredSpentSeconds, part.path("spent_seconds").asDouble(0));
        return images;
    }

    /** Saves the results of the slice's photos {@code [first, first + images.size())}. */
    void save(int first, List<ImageEntry> images) {
        save(first, images, 0);
    }

    /** @param spentSeconds what the shard has spent so far, earlier attempts included */
    void save(int first, List<ImageEntry> images, double spentSeconds) {
        int end = first + images.size();
        ObjectNode part = JSON.createObjectNode();
        part.put("run_key", runKey);
        part.put("first", first);
        part.put("end", end);
        part.put("spent_seconds", spentSeconds);
        part.set("images", MegaDetectorFile.imagesNode(images));
        storage.write(runFolder.resolve(partName(first, end)), toBytes(part));
    }

    private static byte[] toBytes(ObjectNode part) {
        try {
            return JSON.writeValueAsBytes(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String partName(int first, int end) {
        return String.format(Locale.ROOT, "part-%08d-%08d.json", first, end);
    }

    /** Once the final file exists the checkpoints are spent: removes them (and locally, their emptied folders). */
    void removeAll(boolean wholeRun) {
        storage.deleteAll(runFolder);
        storage.removeIfEmpty(shardFolder);
        if (wholeRun) {
            // shards share this folder and may still be writing into it; only a whole run tidies it away
            storage.removeIfEmpty(checkpointsFolder);
        }
    }

    private void warnAboutOtherRuns() {
        Set<String> otherRuns = new TreeSet<>();
        for (String name : names(shardFolder)) {
            String run = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            if (!run.equals(runKey)) {
                otherRuns.add(run);
            }
        }
        for (String run : otherRuns) {
            LOG.warn("ignoring the checkpoints in {}: they belong to a run with another model, photo list or settings",
                    shardFolder.resolve(run));
        }
    }

    /**
     * The objects below {@code folder}, as '/'-separated paths relative to it, in key order; none
     * when nothing was saved there yet. Unfinished local writes (dot files) are left out.
     */
    private List<String> names(Location folder) {
        List<StoredObject> objects;
        try {
            objects = storage.list(folder);
        } catch (ObjectNotFound noCheckpointsYet) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (StoredObject object : objects) {
            if (!object.location().name().startsWith(".")) {
                names.add(folder.relativize(object.location()));
            }
        }
        return names;
    }
}
