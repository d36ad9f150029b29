package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code stage0_batches}: the Distributed Map run that read the photos in batches (ReadPhotoBatches'
 * ResultSelector), which MergePhotoBatches joins into images.jsonl.
 *
 * @param mapRunArn  the Map Run, for the console and the run report
 * @param resultsUri the ResultWriter's manifest.json, listing the SUCCEEDED and FAILED result files
 */
public record PhotoBatchRun(
        @JsonProperty(value = "map_run_arn", required = true) String mapRunArn,
        @JsonProperty(value = "results_uri", required = true) String resultsUri) {
}
