package dk.munin.exif;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one batch returns to the Distributed Map (and so to its ResultWriter's SUCCEEDED file):
 * where its lines are, and which part of the listing they cover.
 *
 * @param shardUri   its images.jsonl lines, in listing order, without the check across photos
 * @param firstIndex the listing position of its first item
 * @param items      the objects it was given (photos and others)
 * @param photos     the lines it wrote: one per photo among them
 */
public record PhotoBatchShard(
        @JsonProperty(value = "shard_uri", required = true) String shardUri,
        @JsonProperty(value = "first_index", required = true) long firstIndex,
        @JsonProperty(value = "items", required = true) int items,
        @JsonProperty(value = "photos", required = true) int photos) {
}
