package dk.munin.exif;

/**
 * The Distributed Map's results do not account for every object of the listing: a batch is
 * missing from its result files, or two overlap. images.jsonl would silently drop or repeat
 * photos, so the run stops instead, naming the part of the listing concerned.
 */
public class PhotoBatchesIncomplete extends RuntimeException {

    public PhotoBatchesIncomplete(String message) {
        super(message);
    }
}
