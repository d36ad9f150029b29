package dk.munin.state;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code stage2_post}: where Stage2Post wrote the independent events and the tables beside them,
 * and how it counted.
 *
 * @param eventsUri           the session's stage2/events.json in the work folder
 * @param speciesFrom         folder or detector: where the records' species came from
 * @param modelFamily         the model family whose confidence thresholds applied
 * @param thresholds          those thresholds, per category
 * @param detections          every box the detector reported
 * @param detectionsCounted   boxes at or above their threshold that are not repeat detections
 * @param detectorFailures    photos Stage-0 read but the detector could not (events.json lists them)
 * @param sequences           sequences (bursts) among the photos Stage-0 read
 * @param events              independent events: one per record
 * @param recordTableUri      record_table.csv: the independent records, camtrapR's recordTable
 * @param records             its rows
 * @param repeatDetections    boxes flagged as repeat detections (a rock, a branch), left out of events and records
 * @param repeatDetectionsUri the work folder's stage2/repeat_detections.json: each flagged box with its reason
 * @param detectionsParquetUri detections.parquet under output_uri: one row per box
 * @param camtrapDpUri        the Camtrap DP package's datapackage.json; null when none could be written
 *                            (the run report says why)
 */
public record EventCounts(
        @JsonProperty(value = "events_uri", required = true) String eventsUri,
        @JsonProperty(value = "species_from", required = true) String speciesFrom,
        @JsonProperty(value = "model_family", required = true) String modelFamily,
        @JsonProperty(value = "thresholds", required = true) ConfidenceThresholds thresholds,
        @JsonProperty(value = "detections", required = true) int detections,
        @JsonProperty(value = "detections_counted", required = true) int detectionsCounted,
        @JsonProperty(value = "photos_with_detections", required = true) int photosWithDetections,
        @JsonProperty(value = "detector_failures", required = true) int detectorFailures,
        @JsonProperty(value = "sequences", required = true) int sequences,
        @JsonProperty(value = "events", required = true) int events,
        @JsonProperty(value = "record_table_uri", required = true) String recordTableUri,
        @JsonProperty(value = "records", required = true) int records,
        @JsonProperty(value = "repeat_detections", required = true) int repeatDetections,
        @JsonProperty(value = "repeat_detections_uri", required = true) String repeatDetectionsUri,
        @JsonProperty(value = "detections_parquet_uri", required = true) String detectionsParquetUri,
        @JsonProperty(value = "camtrap_dp_uri", required = true) String camtrapDpUri) {
}
