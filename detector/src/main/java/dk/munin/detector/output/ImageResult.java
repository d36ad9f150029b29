package dk.munin.detector.output;

import java.util.List;

/**
 * One photo's entry in {@code images}: either its detections (possibly none) or the reason it
 * could not be processed, never both.
 *
 * @param file       the photo's path relative to the input folder, '/'-separated
 * @param detections the detections, best first; null exactly when {@code failure} is set
 * @param failure    a short reason the photo was not processed, or null
 */
public record ImageResult(String file, List<MegaDetectorDetection> detections, String failure) {

    /** MegaDetector's own wording, so tools that group failures by kind see familiar ones. */
    public static final String IMAGE_ACCESS_FAILURE = "image access failure";
    public static final String INFERENCE_FAILURE = "inference failure";

    public static ImageResult detected(String file, List<MegaDetectorDetection> detections) {
        return new ImageResult(file, List.copyOf(detections), null);
    }

    /** @param kind {@link #IMAGE_ACCESS_FAILURE} or {@link #INFERENCE_FAILURE} */
    public static ImageResult failed(String file, String kind, String reason) {
        return new ImageResult(file, null, kind + ": " + reason);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
