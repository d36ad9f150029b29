package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

import static dk.munin.bench.LoadBenchmark.instant;

/**
 * The figures of one {@code make bench-load} run, as one table, and what in them fails the run:
 * per workflow state its wall time, photos/s, the app JVM's heap (peak, and live: after the state's
 * mixed or full collections, else after any; from its GC log) and its open files and threads at the state's start, middle and end; the same for each
 * detector JVM over its life; and the checks (every photo accounted for, no leak, heap within -Xmx).
 */
final class LoadTable {

    private static final long MIB = 1L << 20;

    private final LoadPhotos generator;
    private final LoadPhotos.Written photos;
    private final Path model;
    private final JsonNode report;
    private final LoadBenchmark.Jvm app;
    private final List<LoadBenchmark.Jvm> detectors;
    private final double seconds;
    private final double loadBefore;

    LoadTable(LoadPhotos generator, LoadPhotos.Written photos, Path model, JsonNode report, LoadBenchmark.Jvm app,
              List<LoadBenchmark.Jvm> detectors, double seconds, double loadBefore) {
        this.generator = generator;
        this.photos = photos;
        this.model = model;
        this.report = report;
        this.app = app;
        this.detectors = detectors;
        this.seconds = seconds;
        this.loadBefore = loadBefore;
    }

    void print(PrintStream out) {
        LoadPhotos.Summary made = photos.summary();
        out.printf(Locale.ROOT, "Load benchmark: %,d photos at %d stations (%.1f KB each, %.0f MiB), %s, LOCAL (%s DKK), %d CPUs (load %.1f before)%n",
                made.photos(), made.stations(), made.bytes() / 1024.0 / made.photos(), made.bytes() / (double) MIB,
                model.getFileName(), report.at("/cost/actual/total_dkk").asText(), Runtime.getRuntime().availableProcessors(), loadBefore);
        out.printf(Locale.ROOT, "  run         ./munin run: %,.1f s from start to exit (workflow %,.1f s), %s; %,.1f photos/s overall%n",
                seconds, report.at("/timings/total_ms").asLong() / 1000.0, lastState(), made.photos() / seconds);
        out.printf(Locale.ROOT, "  %-22s %10s %9s %11s %10s   %-18s %-18s%n", "state", "wall time", "photos/s",
                "heap peak", "live", "fds start/mid/end", "threads s/m/e");
        for (JsonNode state : report.path("execution_history")) {
            if (!state.path("type").asText().equals("Task")) {
                continue;
            }
            List<ProcessSampler.Sample> during = between(app.samples(), instant(state.get("entered")), instant(state.get("exited")));
            long ms = state.path("duration_ms").asLong();
            out.printf(Locale.ROOT, "  %-22s %8.2f s %9s %7d MiB %6d MiB   %-18s %-18s%n", state.path("state").asText(), ms / 1000.0,
                    rate(made.photos(), ms), app.gc().peakBytesBetween(instant(state.get("entered")), instant(state.get("exited"))) / MIB,
                    app.gc().liveBytesBetween(instant(state.get("entered")), instant(state.get("exited"))) / MIB,
                    startMiddleEnd(during, ProcessSampler.Sample::fds), startMiddleEnd(during, ProcessSampler.Sample::threads));
        }
        for (LoadBenchmark.Jvm detector : detectors) {
            long ms = lifeMillis(detector.samples());
            out.printf(Locale.ROOT, "  %-22s %8.2f s %9s %7d MiB %6d MiB   %-18s %-18s%n", "detector JVM " + detector.pid(), ms / 1000.0,
                    rate(made.photos() / detectors.size(), ms), detector.gc().peakBytes() / MIB, detector.gc().liveBytes() / MIB,
                    startMiddleEnd(detector.samples(), ProcessSampler.Sample::fds),
                    startMiddleEnd(detector.samples(), ProcessSampler.Sample::threads));
        }
        heapLine(out, "heap", app, live(app));
        detectors.forEach(detector -> heapLine(out, "", detector, live(detector)));
        out.printf(Locale.ROOT, "  fds, threads  app JVM at most %d open files and %d threads; %s (sampled every %d ms from /proc)%n",
                most(app.samples(), ProcessSampler.Sample::fds), most(app.samples(), ProcessSampler.Sample::threads),
                detectorMost(), LoadBenchmark.SAMPLE_MILLIS);
        JsonNode detections = report.path("detections");
        out.printf(Locale.ROOT, "  photos      %,d seen, %,d read by Stage-0, %,d detected, %,d detector failures; %,d boxes (%,d counted), %,d sequences, %,d events%n",
                report.at("/photos/seen").asInt(), report.at("/photos/read").asInt(), detections.path("photos_detected").asInt(),
                detections.path("detector_failures").asInt(), detections.path("detections").asInt(),
                detections.path("detections_counted").asInt(), detections.path("sequences").asInt(), detections.path("events").asInt());
        out.printf(Locale.ROOT, "  outputs     %s%n", outputs());
        out.printf(Locale.ROOT, "  generated   %s in %.1f s (seed %d)%n", photos.folder(), made.generatedMillis() / 1000.0, generator.seed());
    }

    /** What fails the run: a photo not accounted for, a leak, a heap at its bound, a JVM not seen. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        int made = generator.photos();
        expect(problems, "photos Stage-0 listed", report.at("/photos/seen").asInt(), made);
        expect(problems, "photos Stage-0 read", report.at("/photos/read").asInt(), made);
        expect(problems, "photos the detector read", report.at("/detections/photos_detected").asInt(), made);
        if (!lastState().equals("Success")) {
            problems.add("the run ended in " + lastState() + ", not Success");
        }
        for (JsonNode state : report.path("execution_history")) {
            if (state.path("type").asText().equals("Task")) {
                List<ProcessSampler.Sample> during = between(app.samples(), instant(state.get("entered")), instant(state.get("exited")));
                leaks(problems, "the app JVM during " + state.path("state").asText(), during);
            }
        }
        if (detectors.isEmpty()) {
            problems.add("no detector JVM wrote a GC log: was the detector run (munin.detect.mode = local-process)?");
        }
        for (LoadBenchmark.Jvm detector : detectors) {
            leaks(problems, "detector JVM " + detector.pid(), detector.samples());
        }
        heap(problems, app, live(app));
        detectors.forEach(detector -> heap(problems, detector, live(detector)));
        return problems;
    }

    private static void leaks(List<String> problems, String who, List<ProcessSampler.Sample> samples) {
        int fds = ProcessSampler.growth(samples, ProcessSampler.Sample::fds);
        int threads = ProcessSampler.growth(samples, ProcessSampler.Sample::threads);
        if (fds > LoadBenchmark.FD_GROWTH_LIMIT) {
            problems.add("%s: open files grew by %d from its first third to its last (%s): a leak".formatted(
                    who, fds, startMiddleEnd(samples, ProcessSampler.Sample::fds)));
        }
        if (threads > LoadBenchmark.THREAD_GROWTH_LIMIT) {
            problems.add("%s: threads grew by %d from its first third to its last (%s): a leak".formatted(
                    who, threads, startMiddleEnd(samples, ProcessSampler.Sample::threads)));
        }
    }

    /**
     * The most live data a JVM held, as near as its GC log tells it: per workflow state (the detector:
     * over its life) the most in use after the state's mixed or full collections, else after any of its
     * collections, an upper bound (a young collection leaves the old generation's garbage counted).
     */
    private long live(LoadBenchmark.Jvm jvm) {
        if (jvm != app) {
            return jvm.gc().liveBytes();
        }
        long most = 0;
        for (JsonNode state : report.path("execution_history")) {
            most = Math.max(most, app.gc().liveBytesBetween(instant(state.get("entered")), instant(state.get("exited"))));
        }
        return most;
    }

    private static void heap(List<String> problems, LoadBenchmark.Jvm jvm, long live) {
        GcLog gc = jvm.gc();
        if (gc.exit() == null) {
            problems.add(jvm.name() + " " + jvm.pid() + ": its GC log has no heap at exit (killed?), so its peak is not known");
        }
        if (live >= LoadBenchmark.HEAP_HEADROOM_LIMIT * jvm.xmxBytes()) {
            problems.add("%s %d: %d MiB live, at its -Xmx%s".formatted(jvm.name(), jvm.pid(), live / MIB, jvm.xmx()));
        }
        if (gc.fullCollections() > 0) {
            problems.add("%s %d: %d full collections: the heap ran out of room for G1's concurrent collection".formatted(
                    jvm.name(), jvm.pid(), gc.fullCollections()));
        }
    }

    private static void heapLine(PrintStream out, String label, LoadBenchmark.Jvm jvm, long live) {
        GcLog gc = jvm.gc();
        long rss = jvm.samples().stream().mapToLong(ProcessSampler.Sample::peakRssKb).max().orElse(0);
        out.printf(Locale.ROOT, "  %-11s %s %d -Xmx%s: peak %d MiB in use (%.0f %%), live at most %d MiB (%.0f %%), "
                        + "%d MiB after any collection; %d young (%d mixed), %d full collections; %d MiB resident at most%n",
                label, jvm.name(), jvm.pid(), jvm.xmx(), gc.peakBytes() / MIB, 100.0 * gc.peakBytes() / jvm.xmxBytes(),
                live / MIB, 100.0 * live / jvm.xmxBytes(), gc.mostAfterCollectionBytes() / MIB,
                gc.youngCollections(), gc.mixedCollections(), gc.fullCollections(), rss / 1024);
    }

    private String detectorMost() {
        List<String> parts = new ArrayList<>();
        for (LoadBenchmark.Jvm detector : detectors) {
            parts.add("detector JVM %d at most %d open files and %d threads".formatted(detector.pid(),
                    most(detector.samples(), ProcessSampler.Sample::fds), most(detector.samples(), ProcessSampler.Sample::threads)));
        }
        return String.join("; ", parts);
    }

    private String outputs() {
        List<String> parts = new ArrayList<>();
        for (JsonNode artefact : report.path("artefacts")) {
            String uri = artefact.path("uri").asText();
            parts.add("%s %.1f MiB".formatted(uri.substring(uri.lastIndexOf('/') + 1), artefact.path("bytes").asLong() / (double) MIB));
        }
        return String.join(", ", parts);
    }

    private String lastState() {
        JsonNode history = report.path("execution_history");
        return history.isEmpty() ? "?" : history.get(history.size() - 1).path("state").asText();
    }

    private static void expect(List<String> problems, String what, int got, int wanted) {
        if (got != wanted) {
            problems.add("%s: %,d of the %,d generated".formatted(what, got, wanted));
        }
    }

    static List<ProcessSampler.Sample> between(List<ProcessSampler.Sample> samples, Instant from, Instant to) {
        return samples.stream().filter(sample -> from != null && !sample.at().isBefore(from) && (to == null || sample.at().isBefore(to))).toList();
    }

    static String startMiddleEnd(List<ProcessSampler.Sample> samples, ToIntFunction<ProcessSampler.Sample> figure) {
        if (samples.isEmpty()) {
            return "-";
        }
        return "%d / %d / %d".formatted(figure.applyAsInt(samples.get(0)), figure.applyAsInt(samples.get(samples.size() / 2)),
                figure.applyAsInt(samples.get(samples.size() - 1)));
    }

    private static int most(List<ProcessSampler.Sample> samples, ToIntFunction<ProcessSampler.Sample> figure) {
        return samples.stream().mapToInt(figure).max().orElse(0);
    }

    private static long lifeMillis(List<ProcessSampler.Sample> samples) {
        return samples.isEmpty() ? 0 : Duration.between(samples.get(0).at(), samples.get(samples.size() - 1).at()).toMillis();
    }

    private static String rate(int photos, long ms) {
        return ms <= 0 ? "" : String.format(Locale.ROOT, "%,.1f", photos * 1000.0 / ms);
    }
}
