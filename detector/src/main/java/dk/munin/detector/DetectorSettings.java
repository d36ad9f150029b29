package dk.munin.detector;

import dk.munin.contract.models.ModelCache;
import dk.munin.contract.stage1.ContainerSettings;
import dk.munin.contract.storage.Location;
import dk.munin.detector.model.DetectionThresholds;
import dk.munin.detector.model.ModelLayout;
import dk.munin.detector.output.ClassVocabulary;
import dk.munin.detector.storage.S3ClientFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The container contract: every environment variable the detector reads (except the S3 client's,
 * see {@link dk.munin.detector.storage.S3ClientFactory}), with its default. Nothing else in the
 * detector reads the environment.
 *
 * @param input           INPUT_URI, the Stage-0 images.jsonl
 * @param outputFolder    OUTPUT_URI, the folder for the output file and checkpoints
 * @param photos          PHOTOS_URI, the folder the photos are below; null when not given
 * @param model           DETECTOR_MODEL as given: a path, an s3:// URI or an http(s):// URL
 * @param modelSha256     DETECTOR_MODEL_SHA256, lower-case hex, or null
 * @param modelCache      DETECTOR_MODEL_CACHE, where downloaded models are kept
 * @param layout          DETECTOR_LAYOUT, or null to detect it from the model's outputs
 * @param classes         DETECTOR_CLASSES, or null to choose from the model's class count
 * @param inputSize       DETECTOR_INPUT_SIZE, used only for models with a dynamic input size
 * @param thresholds      DETECTOR_OUTPUT_THRESHOLD and DETECTOR_NMS_IOU
 * @param checkpointEvery DETECTOR_CHECKPOINT_EVERY, photos per checkpoint; 0 turns checkpoints off
 * @param threads         DETECTOR_THREADS, threads for decoding photos and for ONNX Runtime
 * @param reducedDecode   DETECTOR_REDUCED_DECODE, decode large photos at reduced scale
 * @param photoLimits     DETECTOR_TRUNCATED_MIN_FRACTION, DETECTOR_MAX_IMAGE_PIXELS and DETECTOR_MAX_PHOTO_BYTES
 * @param shard           AWS_BATCH_JOB_ARRAY_INDEX of MUNIN_SHARD_COUNT
 * @param stopLimits      DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT
 * @param pricePerHourDkk DETECTOR_PRICE_PER_HOUR_DKK, for the DKK spent in progress lines; null when not given
 */
public record DetectorSettings(Location input, Location outputFolder, Location photos, String model, String modelSha256,
                               Path modelCache, ModelLayout layout, ClassVocabulary classes, int inputSize,
                               DetectionThresholds thresholds, int checkpointEvery, int threads, boolean reducedDecode,
                               PhotoLimits photoLimits, Shard shard, StopLimits stopLimits, Double pricePerHourDkk) {

    /** The Stage-0 photo list, images.jsonl: a path, a file: URI or s3://bucket/key. */
    public static final String INPUT_URI = ContainerSettings.variable(ContainerSettings.INPUT_URI);
    /** The folder the output is written to: a path, a file: URI or s3://bucket/prefix/. */
    public static final String OUTPUT_URI = ContainerSettings.variable(ContainerSettings.OUTPUT_URI);
    /** The folder the photos are below: each is read as this folder + its file, never from elsewhere. */
    public static final String PHOTOS_URI = ContainerSettings.variable(ContainerSettings.PHOTOS_URI);
    /** The ONNX model: a path, an s3:// URI or an http(s):// URL. */
    public static final String DETECTOR_MODEL = ContainerSettings.variable(ContainerSettings.MODEL);
    /** The model's SHA-256 (hex); required for URLs, checked for every kind when set. */
    public static final String DETECTOR_MODEL_SHA256 = ContainerSettings.variable(ContainerSettings.MODEL_SHA256);
    /** Where downloaded models are kept, as {@code <sha256>/<file name>}. */
    public static final String DETECTOR_MODEL_CACHE = ContainerSettings.variable(ContainerSettings.MODEL_CACHE);
    /** fastestdet, yolov5, yolov8 or yolo-nms; unset: detected from the model's outputs. */
    public static final String DETECTOR_LAYOUT = ContainerSettings.variable(ContainerSettings.LAYOUT);
    /** megadetector or coco80; unset: chosen by the model's class count (3 or 80). */
    public static final String DETECTOR_CLASSES = ContainerSettings.variable(ContainerSettings.CLASSES);
    /** Square input size for models whose input size is dynamic (yolort exports). */
    public static final String DETECTOR_INPUT_SIZE = ContainerSettings.variable(ContainerSettings.INPUT_SIZE);
    /** Detections scoring below this are not written. */
    public static final String DETECTOR_OUTPUT_THRESHOLD = ContainerSettings.variable(ContainerSettings.OUTPUT_THRESHOLD);
    /** Boxes of one category overlapping a better-scoring box by more than this IoU are suppressed. */
    public static final String DETECTOR_NMS_IOU = ContainerSettings.variable(ContainerSettings.NMS_IOU);
    /** Photos between two checkpoints; 0 turns checkpointing off. */
    public static final String DETECTOR_CHECKPOINT_EVERY = ContainerSettings.variable(ContainerSettings.CHECKPOINT_EVERY);
    /** Threads for photo decoding and for ONNX Runtime's intra-op pool. */
    public static final String DETECTOR_THREADS = ContainerSettings.variable(ContainerSettings.THREADS);
    /** true: decode large photos at reduced scale when the model input is small; false: always full size. */
    public static final String DETECTOR_REDUCED_DECODE = ContainerSettings.variable(ContainerSettings.REDUCED_DECODE);
    /** The least fraction of a truncated photo's rows that must be in the file for it to be detected in them. */
    public static final String DETECTOR_TRUNCATED_MIN_FRACTION = ContainerSettings.variable(ContainerSettings.TRUNCATED_MIN_FRACTION);
    /** A photo whose header declares more pixels than this is an image access failure, not decoded. */
    public static final String DETECTOR_MAX_IMAGE_PIXELS = ContainerSettings.variable(ContainerSettings.MAX_IMAGE_PIXELS);
    /** A photo file larger than this is an image access failure, not read. */
    public static final String DETECTOR_MAX_PHOTO_BYTES = ContainerSettings.variable(ContainerSettings.MAX_PHOTO_BYTES);
    /** Seconds this process may spend from its JVM's start; before each photo it stops cleanly if the next would pass it. */
    public static final String DETECTOR_STOP_AFTER_SECONDS = ContainerSettings.variable(ContainerSettings.STOP_AFTER_SECONDS);
    /** An ISO-8601 instant (the run's start + max_runtime_min) the process stops before, as cleanly. */
    public static final String DETECTOR_STOP_AT = ContainerSettings.variable(ContainerSettings.STOP_AT);
    /** DKK an hour of this container costs: progress lines say what it has spent since its JVM started. */
    public static final String DETECTOR_PRICE_PER_HOUR_DKK = ContainerSettings.variable(ContainerSettings.PRICE_PER_HOUR_DKK);
    /** Set by AWS Batch in each child of an array job: this child's 0-based index. */
    public static final String AWS_BATCH_JOB_ARRAY_INDEX = ContainerSettings.variable(ContainerSettings.ARRAY_INDEX);
    /** Set by the app (ContainerOverrides): the array job's size, i.e. the number of shards. */
    public static final String MUNIN_SHARD_COUNT = ContainerSettings.variable(ContainerSettings.SHARD_COUNT);

    /**
     * Low on purpose: the file keeps weak detections so that later stages (and a researcher in
     * Timelapse) choose their own threshold without re-running the detector.
     */
    public static final float DEFAULT_OUTPUT_THRESHOLD = 0.1f;
    /** FastestDet's authors' value, and YOLOv5's default. */
    public static final float DEFAULT_NMS_IOU = 0.45f;
    /** Frequent enough to lose at most a few minutes of a CPU run of MegaDetector, rare enough to cost nothing. */
    public static final int DEFAULT_CHECKPOINT_EVERY = 100;
    /** MegaDetector v5's training and inference size. */
    public static final int DEFAULT_INPUT_SIZE = 1280;
    /**
     * Half: the model is shown the rows that are there (a few missing at the bottom is the usual
     * damage of an SD card pulled too soon); below half it would look at a strip stretched to at
     * least twice its height, and most of the scene is gone.
     */
    public static final double DEFAULT_TRUNCATED_MIN_FRACTION = 0.5;
    /** Stage-0's munin.exif.max-image-pixels, so both call the same photos absurd: 20 times a 12-megapixel camera's. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 250_000_000L;
    /**
     * 64 MiB, several times the largest camera-trap JPEG (a 40-megapixel frame is about 20 MB): a
     * reader thread holds one photo's bytes at a time, so the photos' share of the heap stays
     * below DETECTOR_THREADS x this.
     */
    public static final long DEFAULT_MAX_PHOTO_BYTES = 64L << 20;
    /** YOLO models downsample by up to 64 (P6 models such as MegaDetector v5): the input must be a multiple of it. */
    static final int INPUT_SIZE_MULTIPLE = 64;

    /**
     * The settings of a detector process: its environment, over the JVM system property of each
     * setting's key (-Ddetector.threads=2 for DETECTOR_THREADS), as the app's settings work.
     */
    public static Map<String, String> environment(Map<String, String> env, Properties systemProperties) {
        Map<String, String> layered = new HashMap<>();
        for (String key : ContainerSettings.KEYS) {
            String value = systemProperties.getProperty(key);
            if (value != null) {
                layered.put(ContainerSettings.variable(key), value);
            }
        }
        layered.putAll(env);
        return layered;
    }

    public static DetectorSettings fromEnvironment(Map<String, String> env) {
        checkS3Retries(env);
        Location input = location(env, INPUT_URI, "the Stage-0 images.jsonl (a path, a file: URI or s3://bucket/key)");
        Location output = location(env, OUTPUT_URI, "the output folder (a path, a file: URI or s3://bucket/prefix/)");
        Location photos = value(env, PHOTOS_URI) == null ? null
                : location(env, PHOTOS_URI, "the folder the photos are below (a path, a file: URI or s3://bucket/prefix/)").asFolder();
        String model = value(env, DETECTOR_MODEL);
        if (model == null) {
            throw DetectorFailure.badSettings(DETECTOR_MODEL + " is not set: set " + DETECTOR_MODEL
                    + " to the detector's ONNX model (e.g. FastestDet.onnx): a path, an s3:// URI or an https:// URL");
        }
        return new DetectorSettings(input, output, photos, model, sha256(env), modelCache(env),
                choice(env, DETECTOR_LAYOUT, ModelLayout::parse),
                choice(env, DETECTOR_CLASSES, ClassVocabulary::parse),
                inputSize(env),
                new DetectionThresholds((float) fraction(env, DETECTOR_OUTPUT_THRESHOLD, DEFAULT_OUTPUT_THRESHOLD),
                        (float) fraction(env, DETECTOR_NMS_IOU, DEFAULT_NMS_IOU)),
                integer(env, DETECTOR_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_EVERY, 0),
                integer(env, DETECTOR_THREADS, Runtime.getRuntime().availableProcessors(), 1),
                bool(env, DETECTOR_REDUCED_DECODE, true),
                new PhotoLimits(fraction(env, DETECTOR_TRUNCATED_MIN_FRACTION, DEFAULT_TRUNCATED_MIN_FRACTION),
                        whole(env, DETECTOR_MAX_IMAGE_PIXELS, DEFAULT_MAX_IMAGE_PIXELS),
                        whole(env, DETECTOR_MAX_PHOTO_BYTES, DEFAULT_MAX_PHOTO_BYTES)),
                shard(env),
                new StopLimits(seconds(env, DETECTOR_STOP_AFTER_SECONDS), instant(env, DETECTOR_STOP_AT)),
                dkkPerHour(env));
    }

    /** MUNIN_S3_MAX_ATTEMPTS and the rest are read when the S3 client is made; a bad one is refused before the run starts. */
    private static void checkS3Retries(Map<String, String> env) {
        try {
            S3ClientFactory.retries(env);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(e.getMessage(), e);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Location location(Map<String, String> env, String name, String what) {
        String value = value(env, name);
        if (value == null) {
            throw DetectorFailure.badSettings(name + " is not set: set " + name + " to " + what);
        }
        try {
            return Location.parse(value);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(name + "=" + value + " is not usable (" + e.getMessage() + "): set it to " + what);
        }
    }

    private static String sha256(Map<String, String> env) {
        String value = value(env, DETECTOR_MODEL_SHA256);
        if (value == null) {
            return null;
        }
        String hex = value.toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw DetectorFailure.badSettings(DETECTOR_MODEL_SHA256 + "=" + value
                    + " is not a SHA-256: set it to the 64 hex digits sha256sum prints for the model file");
        }
        return hex;
    }

    /** DETECTOR_MODEL_CACHE, else the folder the app uses too ({@link ModelCache#folder}). */
    static Path modelCache(Map<String, String> env) {
        return ModelCache.folder(value(env, DETECTOR_MODEL_CACHE), env);
    }

    private interface Parser<T> {
        T parse(String value);
    }

    private static <T> T choice(Map<String, String> env, String name, Parser<T> parser) {
        String value = value(env, name);
        if (value == null || value.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return parser.parse(value);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(name + "=" + value + " is not usable: " + e.getMessage()
                    + "; or leave " + name + " unset to choose automatically");
        }
    }

    private static int inputSize(Map<String, String> env) {
        int size = integer(env, DETECTOR_INPUT_SIZE, DEFAULT_INPUT_SIZE, INPUT_SIZE_MULTIPLE);
        if (size % INPUT_SIZE_MULTIPLE != 0) {
            throw DetectorFailure.badSettings(DETECTOR_INPUT_SIZE + "=" + size + " is not a multiple of " + INPUT_SIZE_MULTIPLE
                    + ": set it to e.g. 640 or 1280, or leave it unset for " + DEFAULT_INPUT_SIZE);
        }
        return size;
    }

    private static Shard shard(Map<String, String> env) {
        String index = value(env, AWS_BATCH_JOB_ARRAY_INDEX);
        String count = value(env, MUNIN_SHARD_COUNT);
        if (index == null) {
            return Shard.whole();
        }
        if (count == null) {
            throw DetectorFailure.badSettings(AWS_BATCH_JOB_ARRAY_INDEX + "=" + index + " is set but " + MUNIN_SHARD_COUNT
                    + " is not: set " + MUNIN_SHARD_COUNT + " to the array job's size");
        }
        int shardCount = integer(env, MUNIN_SHARD_COUNT, 1, 1);
        int shardIndex = integer(env, AWS_BATCH_JOB_ARRAY_INDEX, 0, 0);
        if (shardIndex >= shardCount) {
            throw DetectorFailure.badSettings(AWS_BATCH_JOB_ARRAY_INDEX + "=" + shardIndex + " is not below "
                    + MUNIN_SHARD_COUNT + "=" + shardCount + ": the shard count must be the array job's size");
        }
        return new Shard(shardIndex, shardCount);
    }

    private static int integer(Map<String, String> env, String name, int defaultValue, int minimum) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= minimum) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not a whole number of at least " + minimum
                + ": set it to one, or leave it unset for " + defaultValue);
    }

    /** A count of at least 1 (pixels, bytes). */
    private static long whole(Map<String, String> env, String name, long defaultValue) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not a whole number of at least 1: set it to one, "
                + "or leave it unset for " + defaultValue);
    }

    private static boolean bool(Map<String, String> env, String name, boolean defaultValue) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not true or false: set it to one, or leave it unset for " + defaultValue);
    }

    /** DKK an hour, 0 or more; null when unset. */
    private static Double dkkPerHour(Map<String, String> env) {
        return nonNegative(env, DETECTOR_PRICE_PER_HOUR_DKK, "a price in DKK", "");
    }

    /** Seconds, 0 or more (0: stop before the first photo); null when unset. */
    private static Double seconds(Map<String, String> env, String name) {
        return nonNegative(env, name, "a number of seconds", " for no limit");
    }

    /** A number of at least 0, or null when the variable is unset. */
    private static Double nonNegative(Map<String, String> env, String name, String what, String whenUnset) {
        String value = value(env, name);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && Double.isFinite(parsed)) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not " + what + " of at least 0: set it to one, "
                + "or leave it unset" + whenUnset);
    }

    /** An ISO-8601 instant, with Z or an offset; null when unset. */
    private static Instant instant(Map<String, String> env, String name) {
        String value = value(env, name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw DetectorFailure.badSettings(name + "=" + value + " is not an ISO-8601 instant such as 2026-12-02T08:00:00Z: "
                    + "set it to one, or leave it unset for no limit");
        }
    }

    private static double fraction(Map<String, String> env, String name, double defaultValue) {
        String value = value(env, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the accepted range
        }
        throw DetectorFailure.badSettings(name + "=" + value + " is not a number from 0 to 1: set " + name
                + " to one, or leave it unset for " + Float.toString((float) defaultValue));
    }
}
