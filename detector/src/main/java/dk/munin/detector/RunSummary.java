package dk.munin.detector;

import java.util.Locale;

/**
 * What a run did, for the final log line and for callers of {@link DetectorRun#run}.
 *
 * @param photos          photo-list entries this run's output holds (the shard's slice)
 * @param failed          photos written as {@code failure} entries
 * @param withDetections  photos with at least one detection
 * @param detections      detections written
 * @param resumed         photos taken from checkpoints of an earlier, interrupted run rather than detected again
 * @param output          where the output file was written
 * @param seconds         wall-clock time of the run
 */
public record RunSummary(int photos, int failed, int withDetections, int detections, int resumed, String output,
                         double seconds) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%d photos (%d failed), %d with detections, %d detections, %d resumed from checkpoints, written to %s in %.1f s",
                photos, failed, withDetections, detections, resumed, output, seconds);
    }
}
