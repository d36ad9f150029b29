package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code stage2_post}: where Stage2Post wrote the independent events, and how it counted them.
 *
 * @param eventsUri      the session's stage2/events.json in the work folder
 * @param recordTableUri record_table.csv: the independent records, camtrapR's recordTable
 * @param records        its rows
 * @param repeatDetections    boxes flagged as repeat detections (a rock, a branch), left out of events and records
 * @param repeatDetectionsUri the work folder's stage2/repeat_detections.json: each flagged box with its reason
 */
public record EventCounts(
        @JsonProperty(value = "events_uri", required = true) String eventsUri,
        @JsonProperty(value = "confidence_threshold", required = true) double confidenceThreshold,
        @JsonProperty(value = "event_gap_minutes", required = true) int eventGapMinutes,
        @JsonProperty(value = "detections", required = true) int detections,
        @JsonProperty(value = "detections_above_threshold", required = true) int detectionsAboveThreshold,
        @JsonProperty(value = "photos_with_detections", required = true) int photosWithDetections,
        @JsonProperty(value = "detector_failures", required = true) int detectorFailures,
        @JsonProperty(value = "events", required = true) int events,
        @JsonProperty(value = "record_table_uri", required = true) String recordTableUri,
        @JsonProperty(value = "records", required = true) int records,
        @JsonProperty(value = "repeat_detections", required = true) int repeatDetections,
        @JsonProperty(value = "repeat_detections_uri", required = true) String repeatDetectionsUri) {
}
