package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code stage0_exif}: where Stage0Exif wrote images.jsonl, and what it read.
 *
 * @param imagesUri          stage0/images.jsonl, one line per photo (docs/images-jsonl.md)
 * @param formatVersion      images.jsonl's format version
 * @param issues             photos per timestamp issue code
 * @param timeSources        photos per time source
 */
public record PhotoCounts(
        @JsonProperty(value = "images_uri", required = true) String imagesUri,
        @JsonProperty(value = "format_version", required = true) String formatVersion,
        @JsonProperty(value = "photos_listed", required = true) int photosListed,
        @JsonProperty(value = "photos_read", required = true) int photosRead,
        @JsonProperty(value = "photos_failed", required = true) int photosFailed,
        @JsonProperty(value = "bytes_read", required = true) long bytesRead,
        @JsonProperty(value = "photos_with_issues", required = true) int photosWithIssues,
        @JsonProperty(value = "photos_with_warnings", required = true) int photosWithWarnings,
        @JsonProperty(value = "deployments", required = true) int deployments,
        @JsonProperty(value = "photos_in_deployments", required = true) int photosInDeployments,
        @JsonProperty(value = "issues", required = true) Map<String, Integer> issues,
        @JsonProperty(value = "time_sources", required = true) Map<String, Integer> timeSources) {
}
