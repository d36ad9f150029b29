package dk.munin.stage.stage2post;

import dk.munin.cluster.CameraBox;
import dk.munin.cluster.EventsFile;
import dk.munin.cluster.RepeatFlag;
import dk.munin.cluster.ThresholdSettings;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.output.DetectionRow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detector's boxes with Stage-2's verdict on each: counted, below its threshold, or a
 * repeat detection; and the photos it could not read or did not reach.
 */
final class Boxes {

    private final List<DetectedPhoto> results;
    private final Map<String, PhotoFacts> photos;
    private final ThresholdSettings.Applied thresholds;
    private final Map<CameraBox, RepeatFlag> flagged;
    private final Map<String, List<CameraBox>> countedByPhoto = new LinkedHashMap<>();
    private final List<EventsFile.DetectorFailure> failures = new ArrayList<>();
    private int total;
    private int counted;

    Boxes(Map<String, PhotoFacts> photos, List<DetectedPhoto> results, ThresholdSettings.Applied thresholds,
          Map<CameraBox, RepeatFlag> flagged) {
        this.photos = photos;
        this.results = results;
        this.thresholds = thresholds;
        this.flagged = flagged;
        forEach((box, status, repeat) -> {
            total++;
            if (DetectionRow.COUNTED.equals(status)) {
                counted++;
                countedByPhoto.computeIfAbsent(box.photoId(), file -> new ArrayList<>()).add(box);
            }
        });
        for (DetectedPhoto result : results) {
            if (result.failure() != null) {
                failures.add(new EventsFile.DetectorFailure(result.file(), result.failure()));
            }
        }
    }

    interface Verdict {
        void accept(CameraBox box, String status, RepeatFlag repeat);
    }

    /** Every box in detections.json's order, with its verdict. */
    void forEach(Verdict verdict) {
        for (DetectedPhoto result : results) {
            String camera = Stage2Post.camera(photos.get(result.file()), result.file());
            for (int i = 0; i < result.boxCount(); i++) {
                CameraBox box = result.box(i, camera);
                RepeatFlag repeat = flagged.get(box);
                String status = repeat != null ? DetectionRow.REPEAT_DETECTION
                        : box.conf() >= thresholds.thresholds().of(box.category()) ? DetectionRow.COUNTED
                        : DetectionRow.BELOW_THRESHOLD;
                verdict.accept(box, status, repeat);
            }
        }
    }

    Map<String, List<CameraBox>> countedByPhoto() {
        return countedByPhoto;
    }

    List<EventsFile.DetectorFailure> failures() {
        return failures;
    }

    /** The photos the detector could not read, leaving out those it stopped before (at its budget or max_runtime_min). */
    int couldNotRead() {
        return (int) failures.stream().filter(failure -> DetectionStop.ofFailure(failure.failure()).isEmpty()).count();
    }

    /** The detector's reason for each photo it could not read or did not reach. */
    Map<String, String> failureByPhoto() {
        Map<String, String> reasons = new HashMap<>();
        failures.forEach(failure -> reasons.putIfAbsent(failure.file(), failure.failure()));
        return reasons;
    }

    int total() {
        return total;
    }

    int counted() {
        return counted;
    }

    int photosWithCountedBoxes() {
        return countedByPhoto.size();
    }
}
