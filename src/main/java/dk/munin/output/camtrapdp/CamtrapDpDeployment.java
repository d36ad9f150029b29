package dk.munin.output.camtrapdp;

import java.time.OffsetDateTime;

/**
 * One row of deployments.csv: one camera at one place for a stretch of time. The columns not here
 * (setupBy, cameraDelay, cameraHeight, ..., habitat, deploymentGroups, deploymentTags) are
 * written empty: Munin does not know them.
 *
 * @param latitude              WGS84 degrees; Camtrap DP requires it, so a deployment without it is refused
 * @param longitude             WGS84 degrees; required as latitude
 * @param coordinateUncertainty metres (a whole number, at least 1), or {@code null}
 * @param deploymentStart       when the camera was set up, or {@code null} for the time of its
 *                              first media file (as the writer reports in its summary)
 * @param deploymentEnd         when the camera was taken down, or {@code null} for the time of its last media file
 * @param cameraModel           {@code manufacturer-model}, as Camtrap DP asks (see {@link #cameraModel(String, String)}), or {@code null}
 * @param timestampIssues       {@code true} when the media times are known to be off in a way that
 *                              could not be corrected (e.g. an unknown time zone)
 */
public record CamtrapDpDeployment(String deploymentID, String locationID, String locationName, Double latitude,
                                  Double longitude, Integer coordinateUncertainty, OffsetDateTime deploymentStart,
                                  OffsetDateTime deploymentEnd, String cameraID, String cameraModel,
                                  boolean timestampIssues, String deploymentComments) {

    /**
     * Camtrap DP's {@code manufacturer-model} from the EXIF Make and Model (e.g. {@code RECONYX} and
     * {@code HF2 PRO COVERT} give {@code RECONYX-HF2 PRO COVERT}); either may be missing.
     */
    public static String cameraModel(String make, String model) {
        String m = make == null ? "" : make.strip();
        String n = model == null ? "" : model.strip();
        if (m.isEmpty()) {
            return n.isEmpty() ? null : n;
        }
        return n.isEmpty() ? m : m + "-" + n;
    }
}
