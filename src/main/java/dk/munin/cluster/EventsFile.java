package dk.munin.cluster;

import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.EventRules;

import java.util.List;

/**
 * Stage-2's work file: the events of a session and the settings that made them.
 *
 * @param modelFamily      the model family whose thresholds applied (megadetector-v5, ...)
 * @param thresholdsReason why that family: the detections file's detector, or a setting
 * @param detectorFailures the photos Stage-0 read but the detector could not, with its reason
 */
public record EventsFile(
        String sessionId,
        String speciesFrom,
        EventRules rules,
        String modelFamily,
        String thresholdsReason,
        ConfidenceThresholds thresholds,
        int photosWithDetections,
        List<DetectorFailure> detectorFailures,
        List<Event> events) {

    /** A photo the detector could not read, as detections.json's {@code failure} says. */
    public record DetectorFailure(String file, String failure) {
    }
}
