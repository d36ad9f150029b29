package dk.munin.detector;

import java.util.Locale;

/**
 * What a run did, for the final log line and for callers of {@link DetectorRun#run}.
 *
 * @param photos          lines in the photo list
 * @param failed          photos written as {@code failure} entries
 * @param withDetections  photos with at least one detection
 * @param detections      detections written
 * @param output          where detections.json was written
 * @param seconds         wall-clock time of the run
 */
public record RunSummary(int photos, int failed, int withDetections, int detections, String output, double seconds) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d photos (%d failed), %d with detections, %d detections, written to %s in %.1f s",
                photos, failed, withDetections, detections, output, seconds);
    }
}
