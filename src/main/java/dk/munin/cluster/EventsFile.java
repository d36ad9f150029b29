package dk.munin.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;
import dk.munin.state.ConfidenceThresholds;
import dk.munin.state.EventRules;

import java.util.List;
import java.util.Map;

/**
 * Stage-2's work file: the events of a session and the settings that made them.
 *
 * @param modelFamily      the model family whose thresholds applied (megadetector-v5, ...)
 * @param thresholdsReason why that family: the detections file's detector, or a setting
 * @param detectorFailures the photos Stage-0 read but the detector could not, with its reason; also those it did
 *                         not reach because it stopped at a limit ({@code not detected: ...}, DetectionStop)
 * @param camtrapDp        what the Camtrap DP package holds, or why there is none
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
        CamtrapDpPackage camtrapDp,
        List<Event> events) {

    /**
     * The Camtrap DP package under output_uri (docs/camtrap-dp.md).
     *
     * @param descriptorUri  its datapackage.json; null when it was not written
     * @param leftOut        media and observations left out (a photo without a known UTC offset), by reason
     * @param skippedBecause why no package was written (Camtrap DP would refuse it); null when written
     */
    public record CamtrapDpPackage(@JsonProperty("descriptor_uri") String descriptorUri, int deployments, int media,
                                   int observations, @JsonProperty("left_out") Map<String, Long> leftOut,
                                   @JsonProperty("skipped_because") String skippedBecause) {
    }

    /** A photo the detector could not read (or did not reach), as detections.json's {@code failure} says. */
    public record DetectorFailure(String file, String failure) {
    }
}
