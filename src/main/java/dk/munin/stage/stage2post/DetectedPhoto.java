package dk.munin.stage.stage2post;

import dk.munin.cluster.CameraBox;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.megadetector.MegaDetectorCategories;

import java.util.List;

/**
 * One detections.json entry as Stage-2 keeps it: its boxes in five numbers each (confidence, x,
 * y, width, height) and a category each, not as objects, so a million boxes take tens of
 * megabytes rather than hundreds.
 *
 * @param failure why the detector could not read the photo; null when it could
 */
record DetectedPhoto(String file, String failure, String[] categories, double[] numbers) {

    private static final int NUMBERS_PER_BOX = 5;

    static DetectedPhoto of(ImageEntry entry, String sharedFile) {
        if (entry.failure() != null) {
            return new DetectedPhoto(sharedFile, entry.failure(), new String[0], new double[0]);
        }
        List<Detection> detections = entry.detections();
        String[] categories = new String[detections.size()];
        double[] numbers = new double[detections.size() * NUMBERS_PER_BOX];
        for (int i = 0; i < detections.size(); i++) {
            Detection detection = detections.get(i);
            categories[i] = MegaDetectorCategories.name(detection.category());
            numbers[i * NUMBERS_PER_BOX] = detection.conf();
            System.arraycopy(detection.bbox(), 0, numbers, i * NUMBERS_PER_BOX + 1, 4);
        }
        return new DetectedPhoto(sharedFile, null, categories, numbers);
    }

    int boxCount() {
        return categories.length;
    }

    /** The i-th box, on the photo's camera. */
    CameraBox box(int i, String camera) {
        int at = i * NUMBERS_PER_BOX;
        return new CameraBox(file, camera, categories[i], numbers[at], numbers[at + 1], numbers[at + 2], numbers[at + 3],
                numbers[at + 4]);
    }
}
