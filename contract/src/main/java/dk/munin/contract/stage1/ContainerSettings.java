package dk.munin.contract.stage1;

import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.S3Retries;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The detector container's settings, the contract between whoever starts it (AWS Batch from the
 * job definition and the workflow's ContainerOverrides, or the app's local-process driver) and
 * the detector. Each has a key and, by Camel's convention ({@link Settings#environmentVariable}),
 * the environment variable that sets it: {@code detector.output-threshold} is
 * {@code DETECTOR_OUTPUT_THRESHOLD}. The environment wins over a JVM system property of the key.
 * docs/detector.md describes each one.
 */
public final class ContainerSettings {

    /** The Stage-0 images.jsonl: a path, a file: URI or s3://bucket/key. */
    public static final String INPUT_URI = "input-uri";
    /** The folder the output and the checkpoints are written to. */
    public static final String OUTPUT_URI = "output-uri";
    /**
     * The folder the photos are below (the manifest's input_uri): each photo is read as this
     * folder + its {@code file}, so the list's keys cannot name anything outside it. Unset (a
     * detector run by hand): each line's {@code uri} is read, if its {@code file} keeps the key rule.
     */
    public static final String PHOTOS_URI = "photos-uri";
    /** The ONNX model: a path, an s3:// URI or an https:// URL. */
    public static final String MODEL = "detector.model";
    /** The model's SHA-256; required for URLs, checked for every kind when set. */
    public static final String MODEL_SHA256 = "detector.model-sha256";
    /** Where downloaded models are kept. */
    public static final String MODEL_CACHE = "detector.model-cache";
    /** fastestdet, yolov5, yolov8 or yolo-nms; unset: detected from the model's outputs. */
    public static final String LAYOUT = "detector.layout";
    /** megadetector or coco80; unset: chosen by the model's class count. */
    public static final String CLASSES = "detector.classes";
    /** Square input size for models whose input size is dynamic. */
    public static final String INPUT_SIZE = "detector.input-size";
    /** Detections scoring below this are not written. */
    public static final String OUTPUT_THRESHOLD = "detector.output-threshold";
    /** Boxes of one category overlapping a better one by more than this IoU are suppressed. */
    public static final String NMS_IOU = "detector.nms-iou";
    /** Photos between two checkpoints; 0 turns checkpoints off. */
    public static final String CHECKPOINT_EVERY = "detector.checkpoint-every";
    /** Threads for decoding photos and for ONNX Runtime. */
    public static final String THREADS = "detector.threads";
    /** Decode large photos at reduced scale when the model input is small. */
    public static final String REDUCED_DECODE = "detector.reduced-decode";
    /**
     * The least fraction (0 to 1) of a truncated photo's rows that must be in the file for it to be
     * detected in those rows (and flagged {@code truncated}); with less it is an image access failure.
     */
    public static final String TRUNCATED_MIN_FRACTION = "detector.truncated-min-fraction";
    /** A photo whose header declares more pixels than this is not decoded (an image access failure). */
    public static final String MAX_IMAGE_PIXELS = "detector.max-image-pixels";
    /** A photo file larger than this is not read (an image access failure): what bounds the memory a photo can take. */
    public static final String MAX_PHOTO_BYTES = "detector.max-photo-bytes";
    /**
     * Seconds this container may spend, counted from its JVM's start (start-up counts): its share
     * of the budget. Before each photo it stops cleanly if the next one would pass it. Unset: no limit.
     */
    public static final String STOP_AFTER_SECONDS = "detector.stop-after-seconds";
    /** An ISO-8601 instant (the run's start + max_runtime_min) the container stops before, as cleanly. Unset: none. */
    public static final String STOP_AT = "detector.stop-at";
    /**
     * DKK this container costs an hour (CostEstimation's price per instance-hour): its progress lines
     * say what it has spent so far, from its JVM's start. Unset: they say nothing of money.
     */
    public static final String PRICE_PER_HOUR_DKK = "detector.price-per-hour-dkk";
    /** Set by AWS Batch in each child of an array job: its 0-based index. */
    public static final String ARRAY_INDEX = "aws-batch-job-array-index";
    /** The array job's size, the number of shards (the workflow's ContainerOverrides). */
    public static final String SHARD_COUNT = "munin.shard-count";
    /** Another S3 endpoint (LocalStack, an embedded server); implies path-style addressing. */
    public static final String S3_ENDPOINT = "munin.s3-endpoint";
    /**
     * "true" when a local process started the detector with a pipe on its standard input: the
     * detector stops when that pipe closes, so a `munin run` killed with SIGKILL leaves no detector
     * behind writing the session's files while the next run resumes it. Unset in AWS Batch.
     */
    public static final String EXIT_WITH_LAUNCHER = "detector.exit-with-launcher";

    /**
     * The detector's S3 retry bounds where its environment leaves them out: a job AWS Batch starts
     * for the deployed workflow, or by hand. They are application.properties' munin.s3.* values,
     * which a test of the app holds them to; the app hands its own to a detector it starts.
     */
    public static final S3Retries S3_RETRIES_WHEN_UNSET = new S3Retries(5, Duration.ofMillis(100), Duration.ofSeconds(1),
            Duration.ofSeconds(20), Duration.ofSeconds(2), Duration.ofSeconds(30));
    /** The S3 client's retry bounds, the app's keys ({@link S3Retries}): munin.s3.max-attempts is MUNIN_S3_MAX_ATTEMPTS. */
    public static final List<String> S3_RETRIES = List.copyOf(S3_RETRIES_WHEN_UNSET.asSettings().keySet());

    public static final List<String> KEYS = Stream.concat(Stream.of(INPUT_URI, OUTPUT_URI, PHOTOS_URI, MODEL, MODEL_SHA256, MODEL_CACHE, LAYOUT,
            CLASSES, INPUT_SIZE, OUTPUT_THRESHOLD, NMS_IOU, CHECKPOINT_EVERY, THREADS, REDUCED_DECODE, TRUNCATED_MIN_FRACTION, MAX_IMAGE_PIXELS,
            MAX_PHOTO_BYTES, STOP_AFTER_SECONDS, STOP_AT,
            PRICE_PER_HOUR_DKK, ARRAY_INDEX, SHARD_COUNT, S3_ENDPOINT, EXIT_WITH_LAUNCHER), S3_RETRIES.stream()).toList();

    private ContainerSettings() {
    }

    /** The environment variable of a setting, e.g. DETECTOR_MODEL for detector.model. */
    public static String variable(String key) {
        return Settings.environmentVariable(key);
    }
}
