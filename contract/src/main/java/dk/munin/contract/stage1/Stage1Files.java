package dk.munin.contract.stage1;

import dk.munin.contract.storage.Location;

import java.util.Locale;

/**
 * Where Stage-1 writes, below the stage1 folder (the container's OUTPUT_URI): {@code detections.json},
 * and for an array job one file per child, {@code shards/detections-00002-of-00003.json}
 * (5-digit zero-padded index and count). The detector writes these names and MergeDetections
 * looks for them.
 */
public final class Stage1Files {

    public static final String DETECTIONS_JSON = "detections.json";
    public static final String SHARDS_FOLDER = "shards/";
    /** Where the detector saves its finished photos as it goes, so a restarted detector continues (detector Checkpoints). */
    public static final String CHECKPOINTS_FOLDER = "checkpoints/";

    private Stage1Files() {
    }

    /** The detector's folder below a run's output_uri: its OUTPUT_URI. */
    public static Location folder(Location output) {
        return output.resolve("stage1/");
    }

    public static Location detections(Location stage1) {
        return stage1.resolve(DETECTIONS_JSON);
    }

    public static Location checkpoints(Location stage1) {
        return stage1.resolve(CHECKPOINTS_FOLDER);
    }

    /** {@code 00002-of-00003}: names a shard's file and its checkpoint folder. */
    public static String shardLabel(int index, int count) {
        return String.format(Locale.ROOT, "%05d-of-%05d", index, count);
    }

    public static String shardName(int index, int count) {
        return "detections-" + shardLabel(index, count) + ".json";
    }

    /** The shard's path below the stage1 folder. */
    public static String shardPath(int index, int count) {
        return SHARDS_FOLDER + shardName(index, count);
    }

    public static Location shard(Location stage1, int index, int count) {
        return stage1.resolve(shardPath(index, count));
    }

    /**
     * Index of the first photo-list entry of shard {@code index} of {@code count}: shard i takes
     * the contiguous slice {@code [floor(i*n/N), floor((i+1)*n/N))}, so the slices in index order
     * are the list in order. The detector slices by it, and so does the app when it writes a
     * shard's file for a detector that could not.
     */
    public static int sliceFirst(int index, int count, int entries) {
        return (int) ((long) index * entries / count);
    }

    /** Index one past the last entry of shard {@code index} of {@code count}. */
    public static int sliceEnd(int index, int count, int entries) {
        return sliceFirst(index + 1, count, entries);
    }
}
