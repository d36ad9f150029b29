package dk.munin.contract.megadetector;

import java.util.List;

/**
 * One photo's entry in {@code images}: either its detections (possibly none) or the reason it
 * could not be processed, never both.
 *
 * @param file       the photo's path relative to the input folder, '/'-separated
 * @param detections the detections, best first; null exactly when {@code failure} is set
 * @param failure    a short reason the photo was not processed, or null
 */
public record ImageEntry(String file, List<Detection> detections, String failure) {

    /** MegaDetector's own wording, so tools that group failures by kind see familiar ones. */
    public static final String IMAGE_ACCESS_FAILURE = "image access failure";
    public static final String INFERENCE_FAILURE = "inference failure";

    public ImageEntry {
        if ((detections == null) == (failure == null)) {
            throw new IllegalArgumentException(file + ": an image entry has either detections or a failure");
        }
        detections = detections == null ? null : List.copyOf(detections);
    }

    public static ImageEntry detected(String file, List<Detection> detections) {
        return new ImageEntry(file, detections, null);
    }

    /** @param kind {@link #IMAGE_ACCESS_FAILURE} or {@link #INFERENCE_FAILURE} */
    public static ImageEntry failed(String file, String kind, String reason) {
        return new ImageEntry(file, null, kind + ": " + reason);
    }

    /** A failure reason as another tool wrote it, kept word for word. */
    public static ImageEntry failedAs(String file, String failure) {
        return new ImageEntry(file, null, failure);
    }

    public boolean isFailure() {
        return failure != null;
    }
}
