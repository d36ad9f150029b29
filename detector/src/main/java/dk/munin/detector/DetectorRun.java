package dk.munin.detector;

import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.munin.contract.megadetector.BatchInfo;
import dk.munin.contract.megadetector.DetectionStop;
import dk.munin.contract.megadetector.ImageEntry;
import dk.munin.contract.photos.InvalidPhotoList;
import dk.munin.contract.photos.PhotoList;
import dk.munin.contract.photos.PhotoListEntry;
import dk.munin.contract.progress.ProgressMeter;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.Storage;
import dk.munin.contract.storage.StorageException;
import dk.munin.detector.model.ObjectDetector;
import dk.munin.detector.model.OnnxModel;
import dk.munin.detector.model.OutputDecoder;
import dk.munin.detector.model.OutputDecoders;
import dk.munin.detector.output.ClassVocabulary;
import dk.munin.detector.storage.S3ClientFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One detector run: photo list in, a MegaDetector batch output file out (the whole list, or one
 * shard's slice of it), with checkpoints along the way. This is the in-process entry point (the
 * environment arrives as a map); {@link DetectorMain} wraps it for the container.
 */
public final class DetectorRun {

    private static final Logger LOG = LoggerFactory.getLogger(DetectorRun.class);

    /** A progress line every this many photos, or seconds, whichever comes first. */
    static final int PROGRESS_EVERY = 50;
    private static final double PROGRESS_EVERY_SECONDS = 30;
    private static final double SECONDS_PER_HOUR = 3600.0;
    /** Photos being read and decoded ahead of the model, per thread: enough to keep the model busy, bounded for memory. */
    private static final int READ_AHEAD_PER_THREAD = 2;
    /** Bumped when the checkpoint format or anything else that shapes results changes. */
    private static final String CHECKPOINT_FORMAT = "munin-detector checkpoint 1";
    /** Hex digits of the run key used as its folder name: 64 bits, plenty to keep runs apart. */
    private static final int RUN_KEY_LENGTH = 16;
    /** Turns the metadata map into JSON as Jackson writes a map: keys in insertion order. */
    private static final ObjectMapper METADATA_JSON = new ObjectMapper();

    private final DetectorSettings settings;
    private final Map<String, String> env;
    /** Measures what the run spends against DETECTOR_STOP_AFTER_SECONDS and DETECTOR_STOP_AT. */
    private final Clock clock;
    private final Instant processStart;

    private DetectorRun(DetectorSettings settings, Map<String, String> env, Clock clock, Instant processStart) {
        this.settings = settings;
        this.env = env;
        this.clock = clock;
        this.processStart = processStart;
    }

    /**
     * @throws DetectorFailure when the run as a whole cannot proceed; single unreadable photos
     *                         are not failures of the run but {@code failure} entries in the output
     */
    public static RunSummary run(Map<String, String> env) {
        Instant jvmStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        return run(env, Clock.systemUTC(), jvmStart);
    }

    /** @param processStart what DETECTOR_STOP_AFTER_SECONDS counts from: the JVM's start, or a test's chosen instant */
    static RunSummary run(Map<String, String> env, Clock clock, Instant processStart) {
        return new DetectorRun(DetectorSettings.fromEnvironment(env), env, clock, processStart).run();
    }

    /**
     * Only fetches and verifies DETECTOR_MODEL into the cache (for baking a model into a
     * container image at build time); INPUT_URI and OUTPUT_URI are not needed.
     *
     * @return the cached model file
     */
    public static Path fetchModel(Map<String, String> env) {
        Map<String, String> withoutRun = new LinkedHashMap<>(env);
        withoutRun.putIfAbsent(DetectorSettings.INPUT_URI, "unused");
        withoutRun.putIfAbsent(DetectorSettings.OUTPUT_URI, "unused");
        DetectorSettings settings = DetectorSettings.fromEnvironment(withoutRun);
        try (Storage storage = Storage.withS3(() -> S3ClientFactory.fromEnvironment(env))) {
            return new ModelSource(storage, settings.modelCache()).resolve(settings.model(), settings.modelSha256()).file();
        }
    }

    private RunSummary run() {
        long started = System.nanoTime();
        try (Storage storage = Storage.withS3(() -> S3ClientFactory.fromEnvironment(env))) {
            ModelSource.ResolvedModel model = new ModelSource(storage, settings.modelCache())
                    .resolve(settings.model(), settings.modelSha256());
            PhotoListRead photoList = readPhotoList(storage);
            List<PhotoListEntry> entries = photoList.entries();
            Shard shard = settings.shard();
            List<PhotoListEntry> slice = shard.slice(entries);
            try (LoadedDetector loaded = loadDetector(model)) {
                ObjectDetector detector = loaded.detector();
                OnnxModel onnx = detector.model();
                Checkpoints checkpoints = settings.checkpointEvery() > 0
                        ? new Checkpoints(storage, settings.outputFolder(), shard, runKey(model, photoList.sha256(), loaded))
                        : null;
                List<ImageEntry> results = new ArrayList<>(restore(checkpoints, slice));
                int resumed = results.size();
                StopCheck stopCheck = new StopCheck(settings.stopLimits(), processStart,
                        checkpoints == null ? 0 : checkpoints.restoredSpentSeconds(), clock);
                LOG.info("detecting in {} photos ({} of {} list entries{}) from {} with {} ({} layout, {} classes, input {}x{} {}),"
                                + " threshold {}, NMS IoU {}, {} threads, checkpoint every {}",
                        slice.size() - resumed, shard.isWhole() ? "all" : "shard " + shard.label() + ":", entries.size(),
                        resumed > 0 ? ", " + resumed + " restored from checkpoints" : "", settings.input(), model.name(),
                        detector.decoder().layout().id(), loaded.vocabulary().id(), onnx.inputWidth(), onnx.inputHeight(),
                        detector.inputFormat(), settings.thresholds().minScore(), settings.thresholds().nmsIou(),
                        settings.threads(), settings.checkpointEvery() > 0 ? settings.checkpointEvery() + " photos" : "(off)");

                StageTimings timings = new StageTimings();
                long detectStarted = System.nanoTime();
                PhotoPreparer preparer = new PhotoPreparer(storage, settings.photos(), detector.inputFormat(), onnx.inputWidth(),
                        onnx.inputHeight(), settings.reducedDecode(), settings.photoLimits());
                Optional<DetectionStop> stop = detectRemaining(slice, results, loaded, preparer, checkpoints, timings, stopCheck);
                double detectSeconds = secondsSince(detectStarted);
                LOG.info("timing: {}", timings.describe(detectSeconds));
                StoppedEarly stopped = stop.map(reason -> StoppedEarly.markTheRest(slice, results, reason,
                        stopCheck.spentSeconds(), settings.stopLimits())).orElse(null);
                if (stopped != null) {
                    LOG.warn("{}", stopped.describeForLog());
                }

                BatchInfo info = new BatchInfo(model.name(), BatchInfo.completionTime(Instant.now()), METADATA_JSON.valueToTree(
                        DetectorMetadata.describe(loaded.detector(), loaded.vocabulary(), settings, model.sha256(), entries.size(),
                                timings.summary(detectSeconds, settings.threads()), stopped == null ? null : stopped.describe())));
                Location output = settings.outputFolder().resolve(shard.outputPath());
                DetectionsOutput.write(storage, output, info, results);
                if (checkpoints != null) {
                    removeSpent(checkpoints, shard);
                }
                RunSummary summary = RunSummary.of(results, resumed, output.toString(), secondsSince(started), stopped);
                LOG.info("done: {}", summary);
                return summary;
            }
        }
    }

    /** The model session with the decoder and class vocabulary chosen for it. */
    private record LoadedDetector(ObjectDetector detector, ClassVocabulary vocabulary) implements AutoCloseable {
        @Override
        public void close() {
            detector.close();
        }
    }

    private LoadedDetector loadDetector(ModelSource.ResolvedModel model) {
        String described = DetectorSettings.DETECTOR_MODEL + "=" + settings.model();
        OnnxModel onnx;
        try {
            onnx = OnnxModel.load(model.file(), settings.threads(), settings.inputSize());
        } catch (OrtException e) {
            throw DetectorFailure.badSettings(described + " is not a loadable ONNX model (" + e.getMessage()
                    + "): set " + DetectorSettings.DETECTOR_MODEL + " to the detector's ONNX model file", e);
        } catch (IllegalArgumentException e) {
            throw DetectorFailure.badSettings(described + ": " + e.getMessage(), e);
        }
        try {
            OutputDecoder decoder = OutputDecoders.forModel(settings.layout(), onnx.outputs(), onnx.inputWidth(),
                    onnx.inputHeight(), ClassVocabulary::isKnownClassCount);
            ClassVocabulary vocabulary = ClassVocabulary.choose(settings.classes(), decoder.classCount(), decoder.layout());
            return new LoadedDetector(new ObjectDetector(onnx, decoder, settings.thresholds(), vocabulary::categoryOf), vocabulary);
        } catch (IllegalArgumentException e) {
            closeQuietly(onnx);
            throw DetectorFailure.badSettings(described + ": " + e.getMessage(), e);
        }
    }

    /** The photo list's entries and the SHA-256 of its bytes (for the checkpoints' run key). */
    private record PhotoListRead(List<PhotoListEntry> entries, String sha256) {
    }

    /**
     * Reads and parses the list in a method of its own, so its bytes (about 0.9 KB a photo: 88 MB for
     * 100,000) are garbage once it returns rather than held by the run's frame to the end.
     */
    private PhotoListRead readPhotoList(Storage storage) {
        byte[] photoList;
        try {
            photoList = storage.read(settings.input());
        } catch (StorageException e) {
            throw DetectorFailure.cannotProceed("cannot read the photo list " + settings.input() + ": " + e.getMessage(), e);
        }
        try {
            return new PhotoListRead(PhotoList.parse(photoList, settings.input().toString()), ModelSource.sha256(photoList));
        } catch (InvalidPhotoList e) {
            throw DetectorFailure.cannotProceed(e.getMessage(), e);
        }
    }

    /**
     * What a checkpoint must match to be reused: the model's bytes, the photo list's bytes, the
     * shard and every setting that changes results. Threads and checkpoint spacing do not.
     */
    private String runKey(ModelSource.ResolvedModel model, String photoListSha256, LoadedDetector loaded) {
        OnnxModel onnx = loaded.detector().model();
        String identity = String.join("\n",
                CHECKPOINT_FORMAT,
                "model_sha256=" + model.sha256(),
                "photo_list_sha256=" + photoListSha256,
                "shard=" + settings.shard().label(),
                "layout=" + loaded.detector().decoder().layout().id(),
                "classes=" + loaded.vocabulary().id(),
                "input=" + onnx.inputWidth() + "x" + onnx.inputHeight(),
                "output_threshold=" + settings.thresholds().minScore(),
                "nms_iou=" + settings.thresholds().nmsIou(),
                "reduced_decode=" + settings.reducedDecode(),
                "photo_limits=" + settings.photoLimits());
        return ModelSource.sha256(identity.getBytes(StandardCharsets.UTF_8)).substring(0, RUN_KEY_LENGTH);
    }

    private static List<ImageEntry> restore(Checkpoints checkpoints, List<PhotoListEntry> slice) {
        if (checkpoints == null) {
            return List.of();
        }
        try {
            List<ImageEntry> restored = checkpoints.restore(slice);
            if (!restored.isEmpty()) {
                LOG.info("continuing after the checkpoints in {}: {} photos already done", checkpoints.folder(), restored.size());
            }
            return restored;
        } catch (StorageException e) {
            throw DetectorFailure.cannotProceed("cannot read the checkpoints in " + checkpoints.folder() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs the model over the photos not done yet, in list order, while a thread pool reads and
     * decodes the next few photos: with a small model, decoding dominates the run time, and the
     * model needs one photo at a time. Every {@code checkpointEvery} photos the new results are saved.
     * Before each photo {@code stopCheck} may stop the run, and a photo that does not arrive before
     * a limit runs out stops it too (a read hung on S3 must not spend past the budget).
     *
     * @return the limit that stopped the run before the end of the slice, if one did
     */
    private Optional<DetectionStop> detectRemaining(List<PhotoListEntry> slice, List<ImageEntry> results, LoadedDetector loaded,
                                                    PhotoPreparer preparer, Checkpoints checkpoints, StageTimings timings,
                                                    StopCheck stopCheck) {
        int threads = settings.threads();
        ExecutorService readers = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "photo-reader");
            thread.setDaemon(true);
            return thread;
        });
        int first = results.size();
        ProgressMeter progress = progress(slice.size() - first, stopCheck);
        PhotoDetection detection = new PhotoDetection(loaded.detector(), loaded.vocabulary());
        List<ImageEntry> unsaved = new ArrayList<>();
        try {
            Deque<Future<PreparedPhoto>> ahead = new ArrayDeque<>();
            int submitted = first;
            stopCheck.startDetecting();
            while (results.size() < slice.size()) {
                Optional<DetectionStop> stop = stopCheck.stopBefore(results.size() - first);
                if (stop.isPresent()) {
                    return stop;
                }
                while (submitted < slice.size() && ahead.size() < threads * READ_AHEAD_PER_THREAD) {
                    PhotoListEntry entry = slice.get(submitted++);
                    ahead.add(readers.submit(() -> preparer.prepare(entry)));
                }
                PreparedPhoto photo = awaitPrepared(ahead.removeFirst(), stopCheck.timeLeft());
                if (photo == null) {
                    return Optional.of(stopCheck.firstToRunOut());
                }
                timings.addPrepared(photo);
                ImageEntry result = detection.detect(photo, timings);
                results.add(result);
                unsaved.add(result);
                if (checkpoints != null && unsaved.size() >= settings.checkpointEvery()) {
                    save(checkpoints, results.size() - unsaved.size(), unsaved, stopCheck.spentSeconds());
                }
                progress.advance();
            }
        } finally {
            readers.shutdownNow();
        }
        return Optional.empty();
    }

    /**
     * "progress: 150/300 photos (50 %), 12.3 photos/s, ETA 12 s, 0.0021 DKK spent": what the driver
     * forwards to the console, and what CloudWatch Logs keeps on AWS. The DKK are this container's,
     * from its JVM's start, the time its budget is counted in.
     */
    private ProgressMeter progress(int photos, StopCheck stopCheck) {
        Double perHour = settings.pricePerHourDkk();
        return new ProgressMeter(photos, System::nanoTime,
                perHour == null ? null : seconds -> stopCheck.spentSeconds() * perHour / SECONDS_PER_HOUR,
                line -> LOG.info("{}", line), PROGRESS_EVERY, PROGRESS_EVERY_SECONDS);
    }

    private static void save(Checkpoints checkpoints, int first, List<ImageEntry> unsaved, double spentSeconds) {
        try {
            checkpoints.save(first, unsaved, spentSeconds);
            unsaved.clear();
        } catch (StorageException e) {
            // Not fatal: the photos stay unsaved and go into the next checkpoint; the run's output is what matters.
            LOG.warn("cannot write a checkpoint to {} ({}); trying again after the next photos", checkpoints.folder(), e.getMessage());
        }
    }

    private static void removeSpent(Checkpoints checkpoints, Shard shard) {
        try {
            checkpoints.removeAll(shard.isWhole());
        } catch (StorageException e) {
            LOG.warn("cannot remove the spent checkpoints in {} ({}); they are harmless and can be deleted", checkpoints.folder(), e.getMessage());
        }
    }

    /** @param timeLeft how long to wait at most; null: as long as it takes. Null when the photo did not arrive in time. */
    private static PreparedPhoto awaitPrepared(Future<PreparedPhoto> prepared, Duration timeLeft) {
        try {
            return timeLeft == null ? prepared.get() : prepared.get(timeLeft.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DetectorFailure.cannotProceed("interrupted while reading photos", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DetectorFailure failure) {
                throw failure;
            }
            throw DetectorFailure.cannotProceed("reading a photo failed unexpectedly: " + e.getCause(), e.getCause());
        }
    }

    private static void closeQuietly(OnnxModel model) {
        try {
            model.close();
        } catch (OrtException ignored) {
            // the run is failing already; the session's release is not worth a second error
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
