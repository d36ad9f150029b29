package dk.munin.detector;

import ai.onnxruntime.OrtException;
import dk.munin.detector.model.Candidate;
import dk.munin.detector.model.CocoClasses;
import dk.munin.detector.model.ObjectDetector;
import dk.munin.detector.model.OnnxModel;
import dk.munin.detector.output.DetectorInfo;
import dk.munin.detector.output.ImageResult;
import dk.munin.detector.output.MegaDetectorCategories;
import dk.munin.detector.output.MegaDetectorDetection;
import dk.munin.detector.output.MegaDetectorOutput;
import dk.munin.detector.storage.S3ClientFactory;
import dk.munin.detector.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One detector run: photo list in, detections.json out. This is the in-process entry point
 * (the environment arrives as a map); {@link DetectorMain} wraps it for the container.
 */
public final class DetectorRun {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRun.class);

    /** A progress line every this many photos. */
    static final int PROGRESS_EVERY = 50;
    /** Photos being read and decoded ahead of the model, per thread. */
    private static final int READ_AHEAD_PER_THREAD = 2;

    private final DetectorSettings settings;
    private final Map<String, String> env;
    private final int threads = Runtime.getRuntime().availableProcessors();

    private DetectorRun(DetectorSettings settings, Map<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    /**
     * @throws DetectorFailure when the run as a whole cannot proceed; single unreadable photos
     *                         are not failures of the run but {@code failure} entries in the output
     */
    public static RunSummary run(Map<String, String> env) {
        return new DetectorRun(DetectorSettings.fromEnvironment(env), env).run();
    }

    private RunSummary run() {
        long started = System.nanoTime();
        try (Storage storage = new Storage(() -> S3ClientFactory.fromEnvironment(env));
             ObjectDetector detector = loadDetector()) {
            List<PhotoListEntry> photos = readPhotoList(storage);
            OnnxModel model = detector.model();
            LOG.info("detecting in {} photos from {} with {} ({} layout, input {}x{}), threshold {}, NMS IoU {}, {} threads",
                    photos.size(), settings.input(), settings.model().getFileName(), detector.decoder().layout(),
                    model.inputWidth(), model.inputHeight(), settings.thresholds().minScore(),
                    settings.thresholds().nmsIou(), threads);

            List<ImageResult> results = detectAll(photos, detector, new PhotoPreparer(storage, model.inputWidth(), model.inputHeight()), started);
            DetectorInfo info = new DetectorInfo(settings.model().getFileName().toString(), Instant.now(), metadata(detector));
            write(storage, MegaDetectorOutput.toJson(info, results));

            RunSummary summary = summarise(results, started);
            LOG.info("done: {}", summary);
            return summary;
        }
    }

    private ObjectDetector loadDetector() {
        String model = DetectorSettings.DETECTOR_MODEL + "=" + settings.model();
        try {
            return ObjectDetector.load(settings.model(), CocoClasses.count(), threads, settings.thresholds());
        } catch (OrtException e) {
            throw DetectorFailure.badSettings(model + " is not a loadable ONNX model (" + e.getMessage()
                    + "): set " + DetectorSettings.DETECTOR_MODEL + " to the detector's ONNX model file", e);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(model + ": " + e.getMessage(), e);
        }
    }

    private List<PhotoListEntry> readPhotoList(Storage storage) {
        try {
            return PhotoList.parse(storage.read(settings.input()), settings.input().toString());
        } catch (IOException e) {
            throw DetectorFailure.cannotProceed("cannot read the photo list " + settings.input() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model over the photos in list order, while a thread pool reads and decodes the
     * next few photos: decoding dominates the run time and the model needs one photo at a time.
     */
    private List<ImageResult> detectAll(List<PhotoListEntry> photos, ObjectDetector detector, PhotoPreparer preparer,
                                        long started) {
        List<ImageResult> results = new ArrayList<>(photos.size());
        ExecutorService readers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "photo-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Deque<Future<PreparedPhoto>> ahead = new ArrayDeque<>();
            int submitted = 0;
            int failed = 0;
            while (results.size() < photos.size()) {
                while (submitted < photos.size() && ahead.size() < threads * READ_AHEAD_PER_THREAD) {
                    PhotoListEntry entry = photos.get(submitted++);
                    ahead.add(readers.submit(() -> preparer.prepare(entry)));
                }
                ImageResult result = detectOne(awaitPrepared(ahead.removeFirst()), detector);
                results.add(result);
                failed += result.isFailure() ? 1 : 0;
                if (results.size() % PROGRESS_EVERY == 0) {
                    double seconds = secondsSince(started);
                    LOG.info("progress: {}/{} photos, {} failed, {} photos/s", results.size(), photos.size(), failed,
                            String.format(Locale.ROOT, "%.1f", results.size() / seconds));
                }
            }
            return results;
        } finally {
            readers.shutdownNow();
        }
    }

    private static PreparedPhoto awaitPrepared(Future<PreparedPhoto> prepared) {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DetectorFailure.cannotProceed("interrupted while reading photos", e);
        } catch (ExecutionException e) {
            throw DetectorFailure.cannotProceed("reading a photo failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static ImageResult detectOne(PreparedPhoto photo, ObjectDetector detector) {
        String file = photo.entry().file();
        if (!photo.isReadable()) {
            LOG.warn("{}: {}", file, photo.accessFailure());
            return ImageResult.failed(file, ImageResult.IMAGE_ACCESS_FAILURE, photo.accessFailure());
        }
        List<Candidate> boxes;
        try {
            boxes = detector.detect(photo.modelInput(), photo.width(), photo.height());
        } catch (OrtException | RuntimeException e) {
            LOG.warn("{}: inference failed: {}", file, e.toString());
            return ImageResult.failed(file, ImageResult.INFERENCE_FAILURE, e.getMessage());
        }
        List<MegaDetectorDetection> detections = new ArrayList<>();
        for (Candidate box : boxes) {
            MegaDetectorCategories.ofCocoClass(box.classId())
                    .flatMap(category -> MegaDetectorDetection.of(category, box, photo.width(), photo.height()))
                    .ifPresent(detections::add);
        }
        return ImageResult.detected(file, detections);
    }

    private Map<String, Object> metadata(ObjectDetector detector) {
        OnnxModel model = detector.model();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("image_size", Math.max(model.inputWidth(), model.inputHeight()));
        metadata.put("model_layout", detector.decoder().layout());
        metadata.put("model_input_shape", model.inputShape());
        metadata.put("model_output_shape", model.outputShape());
        metadata.put("output_confidence_threshold", settings.thresholds().minScore());
        metadata.put("nms_iou_threshold", settings.thresholds().nmsIou());
        metadata.put("class_mapping", "COCO-80 to MegaDetector categories, see docs/megadetector-output-format.md");
        version().ifPresent(version -> metadata.put("munin_detector_version", version));
        return metadata;
    }

    private void write(Storage storage, byte[] json) {
        try {
            storage.writeAtomically(settings.outputFolder(), MegaDetectorOutput.FILE_NAME, json);
        } catch (IOException e) {
            throw DetectorFailure.cannotProceed("cannot write " + MegaDetectorOutput.FILE_NAME + " to "
                    + settings.outputFolder() + ": " + e.getMessage(), e);
        }
    }

    private RunSummary summarise(List<ImageResult> results, long started) {
        int failed = 0;
        int withDetections = 0;
        int detections = 0;
        for (ImageResult result : results) {
            if (result.isFailure()) {
                failed++;
            } else if (!result.detections().isEmpty()) {
                withDetections++;
                detections += result.detections().size();
            }
        }
        return new RunSummary(results.size(), failed, withDetections, detections,
                settings.outputFolder().child(MegaDetectorOutput.FILE_NAME).toString(), secondsSince(started));
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    /** The detector's own version, from the build; absent when run from an IDE without resource filtering. */
    private static Optional<String> version() {
        try (InputStream in = DetectorRun.class.getResourceAsStream("detector.properties")) {
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
