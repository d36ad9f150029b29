package dk.munin.detector;

import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.megadetector.ImageEntry;

import java.util.List;
import java.util.Locale;

/**
 * What a run did, for the final log line and for callers of {@link DetectorRun#run}.
 *
 * @param photos          photo-list entries this run's output holds (the shard's slice)
 * @param failed          photos the detector could not read or run the model on ({@code failure} entries)
 * @param withDetections  photos with at least one detection
 * @param detections      detections written
 * @param resumed         photos taken from checkpoints of an earlier, interrupted run rather than detected again
 * @param output          where the output file was written
 * @param seconds         wall-clock time of the run
 * @param notDetected     photos it did not reach because it stopped at a limit (their entries say why)
 * @param stoppedBy       the limit it stopped at, or null when it reached every photo
 */
public record RunSummary(int photos, int failed, int withDetections, int detections, int resumed, String output,
                         double seconds, int notDetected, DetectionStop stoppedBy) {

    static RunSummary of(List<ImageEntry> results, int resumed, String output, double seconds, StoppedEarly stopped) {
        int failed = 0;
        int withDetections = 0;
        int detections = 0;
        for (ImageEntry result : results) {
            if (result.isFailure()) {
                failed += result.notDetectedBecause().isPresent() ? 0 : 1;
            } else if (!result.detections().isEmpty()) {
                withDetections++;
                detections += result.detections().size();
            }
        }
        return new RunSummary(results.size(), failed, withDetections, detections, resumed, output, seconds,
                stopped == null ? 0 : stopped.notDetected(), stopped == null ? null : stopped.reason());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d photos (%d failed), %d with detections, %d detections, %d resumed from checkpoints, written to %s in %.1f s",
                photos, failed, withDetections, detections, resumed, output, seconds)
                + (stoppedBy == null ? "" : String.format(Locale.ROOT, "; stopped because %s: %d photos not detected",
                stoppedBy.inWords(), notDetected));
    }
}
