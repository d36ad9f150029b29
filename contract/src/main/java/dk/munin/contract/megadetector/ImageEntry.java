package dk.munin.contract.megadetector;

import java.util.List;
import java.util.Optional;

/**
 * One photo's entry in {@code images}: either its detections (possibly none) or the reason it
 * could not be processed, never both. A processed photo whose image data ends before its
 * declared size also says so ({@code truncated}): its detections come from the rows that are
 * there (docs/megadetector-output-format.md, rule 9).
 *
 * @param file       the photo's path relative to the input folder, '/'-separated
 * @param detections the detections, best first; null exactly when {@code failure} is set
 * @param failure    a short reason the photo was not processed, or null
 * @param truncated  for a processed photo, how much of it the file holds when not all of it; else null
 */
public record ImageEntry(String file, List<Detection> detections, String failure, String truncated) {

    /** MegaDetector's own wording, so tools that group failures by kind see familiar ones. */
    public static final String IMAGE_ACCESS_FAILURE = "image access failure";
    public static final String INFERENCE_FAILURE = "inference failure";
    /**
     * A photo the detector stopped before (its budget or max_runtime_min, {@link DetectionStop}).
     * Not MegaDetector's words, which has no such stop: they start with "not detected" so that
     * Timelapse and a person grouping failures by their text see at once that nothing went wrong
     * with the photo, and they are fixed strings, without figures, so any reader can match them.
     */
    public static final String NOT_DETECTED_BUDGET = "not detected: budget exhausted";
    public static final String NOT_DETECTED_MAX_RUNTIME = "not detected: max_runtime_min reached";

    public ImageEntry {
        if ((detections == null) == (failure == null)) {
            throw new IllegalArgumentException(file + ": an image entry has either detections or a failure");
        }
        if (truncated != null && (failure != null || truncated.isBlank())) {
            throw new IllegalArgumentException(file + ": only a processed photo says how it is truncated");
        }
        detections = detections == null ? null : List.copyOf(detections);
    }

    public ImageEntry(String file, List<Detection> detections, String failure) {
        this(file, detections, failure, null);
    }

    public static ImageEntry detected(String file, List<Detection> detections) {
        return new ImageEntry(file, detections, null);
    }

    /** A photo whose data ends early, detected in the rows it holds; {@code truncated} says how much is there. */
    public static ImageEntry detectedTruncated(String file, List<Detection> detections, String truncated) {
        return new ImageEntry(file, detections, null, truncated);
    }

    /** @param kind {@link #IMAGE_ACCESS_FAILURE} or {@link #INFERENCE_FAILURE} */
    public static ImageEntry failed(String file, String kind, String reason) {
        return new ImageEntry(file, null, kind + ": " + reason);
    }

    /** A photo the detector did not reach before it stopped. */
    public static ImageEntry notDetected(String file, DetectionStop stop) {
        return new ImageEntry(file, null, stop.failure());
    }

    /** A failure reason as another tool wrote it, kept word for word. */
    public static ImageEntry failedAs(String file, String failure) {
        return new ImageEntry(file, null, failure);
    }

    public boolean isFailure() {
        return failure != null;
    }

    /** Why the detector did not reach this photo, if that is what its failure says. */
    public Optional<DetectionStop> notDetectedBecause() {
        return failure == null ? java.util.Optional.empty() : DetectionStop.ofFailure(failure);
    }
}
