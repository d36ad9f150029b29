package dk.munin.manifest;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One row of the manifest's deployments table: a camera at a place for a time, with how to read
 * its clock. Identity fields left out match anything; a deployment without any matches every
 * photo (a one-camera run). Times are on the camera's clock (see {@link StatedTime}).
 *
 * @param clock       the camera's UTC offset rule: the deployment's time_zone, else the
 *                    manifest's; null when neither is given
 * @param zoneGiven   whether the deployment itself names the zone (then it wins over a photo's
 *                    own OffsetTimeOriginal)
 * @param start       the deployment window's start on the camera's (corrected) clock, or null
 * @param corrections applied in this order
 */
public record Deployment(
        String id,
        String station,
        String camera,
        String serialNumber,
        String userLabel,
        Double latitude,
        Double longitude,
        CameraClock clock,
        boolean zoneGiven,
        LocalDateTime start,
        LocalDateTime end,
        List<TimeCorrection> corrections) {

    /** Whether every identity field this deployment names equals the photo's ({@code camera}: see {@link PhotoIdentity#answersTo}). */
    public boolean identifies(PhotoIdentity photo) {
        return matches(station, photo.station()) && (camera == null || photo.answersTo(camera))
                && matches(serialNumber, photo.serialNumber()) && matches(userLabel, photo.userLabel());
    }

    /** The photo's camera: this deployment's where it names one (the manifest wins), else the photo's own. */
    public String cameraOf(PhotoIdentity photo) {
        return camera != null ? camera : photo.camera();
    }

    /** The camera time after this deployment's corrections. */
    public LocalDateTime correct(LocalDateTime cameraTime) {
        LocalDateTime time = cameraTime;
        for (TimeCorrection correction : corrections) {
            time = correction.apply(time);
        }
        return time;
    }

    /** Whether a corrected time lies in the window (both ends included); an open end admits anything. */
    public boolean contains(LocalDateTime corrected) {
        return (start == null || !corrected.isBefore(start)) && (end == null || !corrected.isAfter(end));
    }

    public boolean hasPosition() {
        return latitude != null && longitude != null;
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || Objects.equals(wanted, actual);
    }
}
