package dk.munin.detector;

import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.photos.PhotoListEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run that stopped at one of its {@link StopLimits} before the end of its slice. It is not a
 * failure: the photos it did not reach become entries of their own ({@link DetectionStop#failure()}),
 * so the output is a complete, valid file of the slice, and the process exits 0 so that AWS
 * Batch does not retry it (a retry would only spend past the limit).
 *
 * @param reason       which limit
 * @param notDetected  photos of the slice it did not reach
 * @param secondsSpent what the shard had spent when it stopped, earlier attempts included
 */
record StoppedEarly(DetectionStop reason, int notDetected, double secondsSpent, StopLimits limits) {

    /**
     * Adds an entry for every photo of the slice after {@code results}.
     *
     * @return the stop, as the output's {@code detector_metadata.detection_stop} describes it
     */
    static StoppedEarly markTheRest(List<PhotoListEntry> slice, List<ImageEntry> results, DetectionStop reason,
                                    double secondsSpent, StopLimits limits) {
        int notDetected = slice.size() - results.size();
        for (PhotoListEntry entry : slice.subList(results.size(), slice.size())) {
            results.add(ImageEntry.notDetected(entry.file(), reason));
        }
        return new StoppedEarly(reason, notDetected, secondsSpent, limits);
    }

    /** {@code detector_metadata.detection_stop} (docs/megadetector-output-format.md). */
    Map<String, Object> describe() {
        Map<String, Object> stop = new LinkedHashMap<>();
        stop.put("reason", reason.id());
        stop.put("photos_not_detected", notDetected);
        stop.put("seconds_spent", Math.round(secondsSpent * 1000) / 1000.0);
        stop.put("stop_after_seconds", limits.stopAfterSeconds());
        stop.put("stop_at", limits.stopAt() == null ? null : limits.stopAt().toString());
        return stop;
    }

    String describeForLog() {
        return String.format(Locale.ROOT, "stopped because %s: %d photos not detected, %.1f s spent",
                reason.inWords(), notDetected, secondsSpent);
    }
}
