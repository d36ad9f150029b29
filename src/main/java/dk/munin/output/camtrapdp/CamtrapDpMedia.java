package dk.munin.output.camtrapdp;

import java.time.OffsetDateTime;

/**
 * One row of media.csv: one photo. Camtrap DP 1.0.2 media carry no event: an observation links
 * its media file to its event ({@link CamtrapDpObservation#eventID()}). exifData and favorite are
 * written empty.
 *
 * @param captureMethod how the camera took it, or {@code null} when not known
 * @param timestamp     when it was taken, with the offset of the camera's clock; {@code null} when
 *                      the time is not known, and then the photo (and its media-level observations)
 *                      is left out of the package, as the summary says, since Camtrap DP requires a timestamp
 * @param filePath      a URL (e.g. {@code s3://bucket/key}, a {@code file:} URI) or a path relative
 *                      to the package folder; never starting with '.', '/' or '~' or holding ".."
 * @param filePublic    {@code false} when the file is not publicly accessible (a private bucket)
 * @param fileName      the photo's file name, or {@code null}
 * @param fileMediatype its IANA media type, e.g. {@code image/jpeg}
 */
public record CamtrapDpMedia(String mediaID, String deploymentID, CaptureMethod captureMethod,
                             OffsetDateTime timestamp, String filePath, boolean filePublic, String fileName,
                             String fileMediatype, String mediaComments) {

    /** How a camera took a media file (Camtrap DP's media.captureMethod and project.captureMethod). */
    public enum CaptureMethod implements CamtrapDp.Term {
        ACTIVITY_DETECTION,
        TIME_LAPSE;
    }
}
