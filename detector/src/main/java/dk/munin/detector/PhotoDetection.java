package dk.munin.detector;

import ai.onnxruntime.OrtException;
import dk.munin.contract.megadetector.Detection;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.storage.KeyRule;
import dk.munin.detector.model.Candidate;
import dk.munin.detector.model.ObjectDetector;
import dk.munin.detector.output.ClassVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One prepared photo through the model into its image entry: detections, or the reason there
 * are none. Boxes are given on the whole displayed photo; those of a truncated photo come from
 * the part the model was shown, so none can come from rows the file does not hold.
 */
final class PhotoDetection {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRun.class);   // the run's log, as before this class was split off

    private final ObjectDetector detector;
    private final ClassVocabulary vocabulary;

    PhotoDetection(ObjectDetector detector, ClassVocabulary vocabulary) {
        this.detector = detector;
        this.vocabulary = vocabulary;
    }

    ImageEntry detect(PreparedPhoto photo, StageTimings timings) {
        String file = photo.entry().file();
        String logged = KeyRule.printable(file); // a key's newline must not forge a log line
        if (!photo.isReadable()) {
            LOG.warn("{}: {}", logged, photo.accessFailure());
            return ImageEntry.failed(file, ImageEntry.IMAGE_ACCESS_FAILURE, photo.accessFailure());
        }
        long started = System.nanoTime();
        Map<String, float[]> outputs;
        try {
            outputs = detector.infer(photo.modelInput());
        } catch (OrtException | RuntimeException e) {
            LOG.warn("{}: inference failed: {}", logged, e.toString());
            return ImageEntry.failed(file, ImageEntry.INFERENCE_FAILURE, e.getMessage());
        }
        long inferred = System.nanoTime();
        timings.add(StageTimings.Stage.INFERENCE, inferred - started);
        timings.countInferred();
        try {
            PreparedPhoto.Region shown = photo.shown();
            List<Detection> detections = new ArrayList<>();
            for (Candidate box : detector.boxes(outputs, photo.modelInput().geometry(), shown.width(), shown.height())) {
                Detection.fromCorners(vocabulary.categoryOf(box.classId()), box.score(),
                        box.x1() + shown.left(), box.y1() + shown.top(), box.x2() + shown.left(), box.y2() + shown.top(),
                        photo.width(), photo.height()).ifPresent(detections::add);
            }
            if (photo.truncated() != null) {
                LOG.warn("{}: truncated: {}", logged, photo.truncated());
                return ImageEntry.detectedTruncated(file, detections, photo.truncated());
            }
            return ImageEntry.detected(file, detections);
        } catch (RuntimeException e) {
            LOG.warn("{}: the model's output cannot be decoded: {}", logged, e.toString());
            return ImageEntry.failed(file, ImageEntry.INFERENCE_FAILURE, e.getMessage());
        } finally {
            timings.add(StageTimings.Stage.POSTPROCESS, System.nanoTime() - inferred);
        }
    }
}
