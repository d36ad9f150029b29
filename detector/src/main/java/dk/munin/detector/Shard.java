package dk.munin.detector;

import dk.munin.contract.stage1.Stage1Files;

import java.util.List;

/**
 * Which part of the photo list this process handles. An AWS Batch array job of N children runs
 * the same container N times; child i (AWS_BATCH_JOB_ARRAY_INDEX) takes the contiguous slice
 * {@code [floor(i*n/N), floor((i+1)*n/N))} of the n photo-list entries, so the slices in index
 * order are the list in order, and writes {@code shards/detections-0000i-of-0000N.json}.
 * The app's merge step relies on that name and order: it is a contract.
 *
 * @param index 0-based shard index
 * @param count number of shards, at least 1
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + " does not exist");
        }
    }

    public static Shard whole() {
        return new Shard(0, 1);
    }

    public boolean isWhole() {
        return count == 1;
    }

    /** Index of the first entry of this shard's slice of {@code entries} entries. */
    public int first(int entries) {
        return Stage1Files.sliceFirst(index, count, entries);
    }

    /** Index one past the last entry of this shard's slice. */
    public int end(int entries) {
        return Stage1Files.sliceEnd(index, count, entries);
    }

    public <T> List<T> slice(List<T> entries) {
        return entries.subList(first(entries.size()), end(entries.size()));
    }

    /** The output file's path below OUTPUT_URI: {@code detections.json}, or {@code shards/detections-00002-of-00003.json}. */
    public String outputPath() {
        return isWhole() ? Stage1Files.DETECTIONS_JSON : Stage1Files.shardPath(index, count);
    }

    /** {@code 00002-of-00003}, or {@code all} for an unsharded run: names this shard's checkpoint folder. */
    public String label() {
        return isWhole() ? "all" : Stage1Files.shardLabel(index, count);
    }
}
