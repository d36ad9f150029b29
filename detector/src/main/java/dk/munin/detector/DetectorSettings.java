package dk.munin.detector;

import dk.munin.detector.model.DetectionThresholds;
import dk.munin.detector.storage.StorageLocation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The container contract: every environment variable the detector reads (except the S3 client's,
 * see {@link dk.munin.detector.storage.S3ClientFactory}), with its default.
 */
public record DetectorSettings(StorageLocation input, StorageLocation outputFolder, Path model,
                               DetectionThresholds thresholds) {

    /** The Stage-0 photo list, images.jsonl: a path, a file: URI or s3://bucket/key. */
    public static final String INPUT_URI = "INPUT_URI";
    /** The folder detections.json is written to: a path, a file: URI or s3://bucket/prefix/. */
    public static final String OUTPUT_URI = "OUTPUT_URI";
    /** Path of the ONNX model file. */
    public static final String DETECTOR_MODEL = "DETECTOR_MODEL";
    /** Detections scoring below this are not written. */
    public static final String DETECTOR_OUTPUT_THRESHOLD = "DETECTOR_OUTPUT_THRESHOLD";
    /** Boxes overlapping a better-scoring box by more than this IoU are suppressed. */
    public static final String DETECTOR_NMS_IOU = "DETECTOR_NMS_IOU";

    /**
     * Low on purpose: the file keeps weak detections so that later stages (and a researcher in
     * Timelapse) choose their own threshold without re-running the detector.
     */
    public static final float DEFAULT_OUTPUT_THRESHOLD = 0.1f;
    /** FastestDet's authors' value. */
    public static final float DEFAULT_NMS_IOU = 0.45f;

    public static DetectorSettings fromEnvironment(Map<String, String> env) {
        StorageLocation input = location(env, INPUT_URI, "the Stage-0 images.jsonl (a path, a file: URI or s3://bucket/key)");
        StorageLocation output = location(env, OUTPUT_URI, "the folder for detections.json (a path, a file: URI or s3://bucket/prefix/)");
        Path model = model(env);
        float outputThreshold = fraction(env, DETECTOR_OUTPUT_THRESHOLD, DEFAULT_OUTPUT_THRESHOLD);
        float nmsIou = fraction(env, DETECTOR_NMS_IOU, DEFAULT_NMS_IOU);
        return new DetectorSettings(input, output, model, new DetectionThresholds(outputThreshold, nmsIou));
    }

    private static StorageLocation location(Map<String, String> env, String name, String what) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw DetectorFailure.badSettings(name + " is not set: set " + name + " to " + what);
        }
        try {
            return StorageLocation.parse(value);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(name + "=" + value + " is not usable (" + e.getMessage() + "): set it to " + what);
        }
    }

    private static Path model(Map<String, String> env) {
        String value = env.get(DETECTOR_MODEL);
        if (value == null || value.isBlank()) {
            throw DetectorFailure.badSettings(DETECTOR_MODEL + " is not set: set " + DETECTOR_MODEL
                    + " to the path of the detector's ONNX model file (e.g. FastestDet.onnx)");
        }
        Path model = Path.of(value.trim());
        if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
            throw DetectorFailure.badSettings(DETECTOR_MODEL + "=" + value + " is not a readable file: set "
                    + DETECTOR_MODEL + " to the path of the detector's ONNX model file (e.g. FastestDet.onnx)");
        }
        return model;
    }

    private static float fraction(Map<String, String> env, String name, float defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            float parsed = Float.parseFloat(value.trim());
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not a number from 0 to 1: set " + name
                + " to one, or leave it unset for " + defaultValue);
    }
}
