package dk.munin.detect;

import dk.munin.contract.storage.Location;

import java.util.Locale;

/**
 * Where Stage-1 writes, below the stage1 folder (OUTPUT_URI): {@code detections.json}, and for
 * an array job one shard file per child, {@code shards/detections-00002-of-00003.json} (the
 * contract with the detector: 5-digit zero-padded index and count).
 */
public final class Stage1Files {

    public static final String DETECTIONS_JSON = "detections.json";
    public static final String SHARDS_FOLDER = "shards/";

    /**
     * The MegaDetector batch output format version Munin writes; the detector's own constant is
     * MegaDetectorOutput.FORMAT_VERSION in detector/, and both follow docs/megadetector-output-format.md.
     */
    public static final String FORMAT_VERSION = "1.6";

    private Stage1Files() {
    }

    public static Location detections(Location stage1) {
        return stage1.resolve(DETECTIONS_JSON);
    }

    public static String shardName(int index, int count) {
        return String.format(Locale.ROOT, "detections-%05d-of-%05d.json", index, count);
    }

    public static Location shard(Location stage1, int index, int count) {
        return stage1.resolve(SHARDS_FOLDER + shardName(index, count));
    }
}
