package dk.munin.detector;

import dk.munin.detector.model.ObjectDetector;
import dk.munin.detector.model.OnnxModel;
import dk.munin.detector.output.ClassVocabulary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The output's {@code info.detector_metadata}: how this run detected, so a reader of
 * detections.json can tell which model, input, thresholds and shard made it (its keys are
 * documented in docs/megadetector-output-format.md and checked by MegaDetectorRules).
 */
final class DetectorMetadata {

    private DetectorMetadata() {
    }

    /**
     * @param entries every entry of the photo list, not only this shard's
     * @param timing  {@link StageTimings#summary} of this process's photos
     * @param stop    {@link StoppedEarly#describe} when the run stopped at a limit; null when it did not, and then
     *                the key is left out, so a run without limits writes what it always wrote
     */
    static Map<String, Object> describe(ObjectDetector detector, ClassVocabulary vocabulary, DetectorSettings settings,
                                        String modelSha256, int entries, Map<String, Object> timing, Map<String, Object> stop) {
        OnnxModel onnx = detector.model();
        Shard shard = settings.shard();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("image_size", Math.max(onnx.inputWidth(), onnx.inputHeight()));
        metadata.put("model_layout", detector.decoder().layout().id());
        metadata.put("model_input_shape", onnx.inputShape());
        metadata.put("model_output_shape", onnx.outputShape());
        metadata.put("model_sha256", modelSha256);
        metadata.put("input_format", detector.inputFormat().toString());
        metadata.put("class_vocabulary", vocabulary.id());
        metadata.put("class_mapping", vocabulary == ClassVocabulary.COCO80
                ? "COCO-80 to MegaDetector categories, see docs/megadetector-output-format.md"
                : "MegaDetector's own classes: class id + 1");
        metadata.put("output_confidence_threshold", settings.thresholds().minScore());
        metadata.put("nms_iou_threshold", settings.thresholds().nmsIou());
        metadata.put("reduced_decode", settings.reducedDecode());
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("truncated_min_fraction", settings.photoLimits().truncatedMinFraction());
        limits.put("max_image_pixels", settings.photoLimits().maxImagePixels());
        limits.put("max_photo_bytes", settings.photoLimits().maxPhotoBytes());
        metadata.put("photo_limits", limits);
        Map<String, Object> shardInfo = new LinkedHashMap<>();
        shardInfo.put("index", shard.index());
        shardInfo.put("count", shard.count());
        shardInfo.put("first_entry", shard.first(entries));
        shardInfo.put("end_entry", shard.end(entries));
        shardInfo.put("entries", entries);
        metadata.put("shard", shardInfo);
        metadata.put("timing", timing);
        if (stop != null) {
            metadata.put("detection_stop", stop);
        }
        version().ifPresent(version -> metadata.put("munin_detector_version", version));
        return metadata;
    }

    /** The detector's own version, from the build; absent when run from an IDE without resource filtering. */
    private static Optional<String> version() {
        try (InputStream in = DetectorMetadata.class.getResourceAsStream("detector.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version")).filter(v -> !v.startsWith("${"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
