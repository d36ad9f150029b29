package dk.munin.detector;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a run's time per photo goes: read (bytes from disk or S3), decode (JPEG to pixels),
 * preprocess (resize, orientation, tensor), inference (ONNX Runtime) and postprocess (decode
 * the outputs, suppression, categories). Read, decode and preprocess run on the reader threads
 * while the model works, so their sum can exceed the wall-clock time per photo.
 * Only this process's photos count: photos restored from a checkpoint cost nothing here.
 */
final class StageTimings {

    enum Stage { READ, DECODE, PREPROCESS, INFERENCE, POSTPROCESS }

    private final Map<Stage, LongAdder> nanos = new LinkedHashMap<>();
    private final LongAdder photos = new LongAdder();
    private final LongAdder inferred = new LongAdder();

    StageTimings() {
        for (Stage stage : Stage.values()) {
            nanos.put(stage, new LongAdder());
        }
    }

    void add(Stage stage, long elapsedNanos) {
        nanos.get(stage).add(elapsedNanos);
    }

    void addPrepared(PreparedPhoto photo) {
        photos.increment();
        add(Stage.READ, photo.readNanos());
        add(Stage.DECODE, photo.decodeNanos());
        add(Stage.PREPROCESS, photo.preprocessNanos());
    }

    void countInferred() {
        inferred.increment();
    }

    /** Mean milliseconds per photo for each stage; inference and postprocess per photo that reached the model. */
    Map<String, Double> meanMillisPerPhoto() {
        Map<String, Double> means = new LinkedHashMap<>();
        for (Stage stage : Stage.values()) {
            long count = stage == Stage.INFERENCE || stage == Stage.POSTPROCESS ? inferred.sum() : photos.sum();
            means.put(stage.name().toLowerCase(Locale.ROOT), count == 0 ? 0.0 : round(nanos.get(stage).sum() / 1e6 / count));
        }
        return means;
    }

    long photos() {
        return photos.sum();
    }

    /**
     * For the output's detector_metadata.timing and the stderr summary. {@code process_seconds} is
     * the time since this JVM started, so the run's accounting can tell what a shard paid for
     * before its first photo (JVM start, model load) from what its photos took ({@code wall_seconds}).
     */
    Map<String, Object> summary(double wallSeconds, int threads) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("photos_timed", photos.sum());
        summary.put("wall_seconds", round(wallSeconds));
        summary.put("process_seconds", round((System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0));
        summary.put("photos_per_second", wallSeconds > 0 ? round(photos.sum() / wallSeconds) : 0.0);
        summary.put("threads", threads);
        summary.put("mean_ms_per_photo", meanMillisPerPhoto());
        return summary;
    }

    String describe(double wallSeconds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.2f photos/s; mean ms per photo:",
                wallSeconds > 0 ? photos.sum() / wallSeconds : 0.0));
        meanMillisPerPhoto().forEach((stage, ms) -> line.append(String.format(Locale.ROOT, " %s %.2f", stage, ms)));
        return line.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
