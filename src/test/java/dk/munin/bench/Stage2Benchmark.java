package dk.munin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.munin.cluster.ClusterSettings;
import dk.munin.cluster.IndependenceRules;
import dk.munin.contract.settings.Settings;
import dk.munin.contract.storage.LocalFileStore;
import dk.munin.contract.storage.Location;
import dk.munin.contract.storage.ObjectStore;
import dk.munin.manifest.SpeciesFrom;
import dk.munin.output.DetectionRow;
import dk.munin.stage.stage2post.Stage2Post;
import dk.munin.state.Json;
import dk.munin.testing.DuckDb;
import dk.munin.testing.TestStates;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code make bench-stage2}: Stage2Post's {@code run} on a made-up survey ({@link SyntheticSurvey},
 * by default a million detections) in this process, under the heap cap make starts it with
 * ({@code -Xmx}, BENCH_STAGE2_HEAP): the bounded-memory claim is that the run succeeds under it.
 * One warm-up run on a small survey first, then the measured run: wall time, detections/s, peak
 * heap and garbage collections ({@link HeapMeter}), and the outputs' sizes. Exits non-zero when
 * Stage2Post throws or its outputs do not add up to the survey (see {@link #problems}).
 *
 * <p>Usage: {@code Stage2Benchmark [detections] [cache folder]}; surveys are kept in the cache
 * folder (default {@code $TMPDIR/munin-bench-stage2}) by their parameters and reused.
 */
public final class Stage2Benchmark {

    static final String SESSION_ID = "bench";
    private static final int DEFAULT_DETECTIONS = 1_000_000;
    /** Enough for the JIT to compile Stage-2's loops, small enough to take a second or two. */
    private static final SyntheticSurvey WARM_UP = new SyntheticSurvey(20_000, 20, 4, 1L);
    /** The shipped settings only: neither the environment nor system properties change what is measured. */
    private static final Settings SETTINGS = Settings.layered(List.of(applicationProperties()), new Properties(), Map.of());
    private static final double MIB = 1024.0 * 1024.0;
    /** -Xmx, as the JVM took it. */
    private static final double LIMIT = Runtime.getRuntime().maxMemory();

    private Stage2Benchmark() {
    }

    /** A run of Stage2Post: what it reported, how long it took, and the heap it needed. */
    record Outcome(SyntheticSurvey.Written survey, JsonNode summary, long nanos, HeapMeter.Reading heap) {

        double seconds() {
            return nanos / 1e9;
        }
    }

    public static void main(String[] args) {
        int detections = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : DEFAULT_DETECTIONS;
        Path cache = args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"), "munin-bench-stage2");
        try {
            List<String> problems = benchmark(SyntheticSurvey.of(detections), cache);
            if (!problems.isEmpty()) {
                System.out.println("bench-stage2: FAILED: the outputs do not add up to the survey:");
                problems.forEach(problem -> System.out.println("  " + problem));
                System.exit(1);
            }
        } catch (Throwable e) {
            System.out.println("bench-stage2: FAILED: " + e.getMessage());
            (e.getCause() == null ? e : e.getCause()).printStackTrace(System.out);
            System.exit(1);
        }
    }

    /** Prints as it goes, so a run that fails still says on what survey and how far it got. */
    private static List<String> benchmark(SyntheticSurvey survey, Path cache) throws IOException {
        Files.createDirectories(cache);
        line("Stage-2 benchmark: Stage2Post.run on %,d detections at %,d stations, %d CPUs (load average %.1f), heap limit %.0f MiB",
                survey.detections(), survey.stations(), Runtime.getRuntime().availableProcessors(), loadAverage(), LIMIT / MIB);
        boolean cached = Files.isDirectory(cache.resolve(survey.key()));
        long started = System.nanoTime();
        SyntheticSurvey.Written big = survey.cachedIn(cache);
        SyntheticSurvey.Counts made = big.counts();
        line("  %-15s %,d photos (%,d the detector could not read, %,d Stage-0 could not), %,d rock boxes; %s",
                "survey", made.photos(), made.detectorFailures(), made.unreadablePhotos(), made.rockBoxes(),
                cached ? "reused" : String.format(Locale.ROOT, "made in %.1f s", (System.nanoTime() - started) / 1e9));
        line("  %-15s %s: images.jsonl %.1f MiB, detections.json %.1f MiB", "", big.folder(),
                made.imagesJsonlBytes() / MIB, made.detectionsJsonBytes() / MIB);
        Outcome warmUp = measure(WARM_UP.cachedIn(cache));
        line("  %-15s %,d detections in %.2f s", "warm-up", warmUp.survey().counts().boxes(), warmUp.seconds());
        Outcome outcome = measure(big);
        List<String> problems = problems(big, outcome.summary());
        print(outcome, problems.isEmpty());
        return problems;
    }

    /** Stage2Post as the app builds it, from application.properties: the one place its constructor is called. */
    static Stage2Post stage2(ObjectStore store) {
        return new Stage2Post(store, ClusterSettings.from(SETTINGS), Clock.systemUTC());
    }

    /** Stage2Post on the survey, output under {@code out}; the state it returned. */
    static ObjectNode run(SyntheticSurvey.Written survey, Path out) {
        return stage2(new LocalFileStore()).run(state(survey, out));
    }

    /**
     * The state Stage-2 gets after Stage-0 and MergeDetections, as the tests build it
     * (Stage2PostTest), with the manifest's default {@code events} from application.properties.
     */
    static ObjectNode state(SyntheticSurvey.Written survey, Path out) {
        ObjectNode state = Json.object();
        state.put("session_id", SESSION_ID);
        state.put("species_from", SpeciesFrom.DETECTOR.manifestName());
        state.set("events", Json.MAPPER.valueToTree(IndependenceRules.from(SETTINGS).toState()));
        state.put("input_uri", SyntheticSurvey.PHOTOS_URI);
        state.put("output_uri", Location.of(out).uri());
        state.set("guard_budget", TestStates.guardBudget(Location.of(out.resolve("_work/" + SESSION_ID)).asFolder().uri()));
        state.set("stage0_exif", TestStates.stage0Exif(Location.of(survey.imagesJsonl()).uri(), survey.counts().photos()));
        state.set("merge_detections", TestStates.mergeDetections(Location.of(survey.detectionsJson()).uri()));
        return state;
    }

    /** One run, timed and metered; the stage and its state are made before the meter starts. */
    private static Outcome measure(SyntheticSurvey.Written survey) throws IOException {
        Path out = survey.folder().resolve("out");
        SyntheticSurvey.deleteTree(out);
        Stage2Post stage = stage2(new LocalFileStore());
        ObjectNode state = state(survey, out);
        HeapMeter meter = HeapMeter.start();
        long started = System.nanoTime();
        JsonNode result;
        try {
            result = stage.run(state);
        } catch (Throwable e) {
            long nanos = System.nanoTime() - started;
            HeapMeter.Reading heap = meter.stop();
            // The heap figures say how far it got, which is what a memory failure is about.
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "Stage2Post threw %s after %.1f s on %,d detections; heap limit %.0f MiB, peak heap %.1f MiB (sampled),"
                            + " %.1f MiB after a collection; %s; load average %.1f",
                    e, nanos / 1e9, survey.counts().boxes(), LIMIT / MIB, heap.sampledPeakBytes() / MIB, heap.mostAfterGcBytes() / MIB,
                    collections(heap), loadAverage()), e);
        }
        long nanos = System.nanoTime() - started;
        return new Outcome(survey, result.get("stage2_post"), nanos, meter.stop());
    }

    /**
     * What does not add up between the survey and what Stage-2 reported and wrote: empty when
     * every box is in detections.parquet, every failure, burst and rock is found, and every
     * output is there and not empty.
     */
    static List<String> problems(SyntheticSurvey.Written survey, JsonNode summary) {
        SyntheticSurvey.Counts made = survey.counts();
        List<String> problems = new ArrayList<>();
        expect(problems, "stage2_post.detections", made.boxes(), summary.path("detections").asLong());
        expect(problems, "stage2_post.detector_failures", made.detectorFailures(), summary.path("detector_failures").asLong());
        expect(problems, "stage2_post.sequences (the bursts)", made.sequences(), summary.path("sequences").asLong());
        expect(problems, "stage2_post.repeat_detections (the rocks' boxes)", made.rockBoxes(), summary.path("repeat_detections").asLong());
        if (summary.path("events").asLong() <= 0 || summary.path("records").asLong() <= 0) {
            problems.add("no events or no records: " + summary);
        }
        if (summary.path("camtrap_dp_uri").isNull()) {
            problems.add("no Camtrap DP package: " + camtrapDpSkipped(summary));
            return problems;
        }
        Map<String, Path> outputs = outputs(summary);
        outputs.forEach((name, file) -> {
            if (!Files.isRegularFile(file) || size(file) == 0) {
                problems.add(name + " is missing or empty: " + file);
            }
        });
        Path parquet = outputs.get(Stage2Post.DETECTIONS_PARQUET);
        if (size(parquet) > 0) {
            Map<String, Object> rows = DuckDb.query("SELECT count(*) AS boxes, count(*) FILTER (WHERE status = '" + DetectionRow.COUNTED
                    + "') AS counted, count(*) FILTER (WHERE status = '" + DetectionRow.REPEAT_DETECTION + "') AS repeats FROM $file",
                    parquet).get(0);
            expect(problems, "detections.parquet rows", made.boxes(), (Long) rows.get("boxes"));
            expect(problems, "detections.parquet rows counted", summary.path("detections_counted").asLong(), (Long) rows.get("counted"));
            expect(problems, "detections.parquet rows repeat_detection", made.rockBoxes(), (Long) rows.get("repeats"));
        }
        Path recordTable = outputs.get(Stage2Post.RECORD_TABLE_CSV);
        if (Files.isRegularFile(recordTable)) {
            expect(problems, "record_table.csv lines (a header and the records)", summary.path("records").asLong() + 1, lines(recordTable));
        }
        return problems;
    }

    /** Stage-2's four outputs by name, where the state says they are. */
    static Map<String, Path> outputs(JsonNode summary) {
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("events.json", local(summary, "events_uri"));
        outputs.put(Stage2Post.RECORD_TABLE_CSV, local(summary, "record_table_uri"));
        outputs.put("repeat_detections.json", local(summary, "repeat_detections_uri"));
        outputs.put(Stage2Post.DETECTIONS_PARQUET, local(summary, "detections_parquet_uri"));
        Path descriptor = local(summary, "camtrap_dp_uri");
        for (String table : List.of("deployments.csv", "media.csv", "observations.csv", "datapackage.json")) {
            outputs.put("camtrap-dp/" + table, descriptor.resolveSibling(table));
        }
        return outputs;
    }

    private static void print(Outcome outcome, boolean linedUp) {
        JsonNode summary = outcome.summary();
        HeapMeter.Reading heap = outcome.heap();
        line("  %-15s %8.2f s %,12.0f detections/s", "Stage2Post.run", outcome.seconds(),
                outcome.survey().counts().boxes() / outcome.seconds());
        line("  %-15s %8.1f MiB  %3.0f%% of the limit: the most in use at once (sampled every %d ms)", "peak heap",
                heap.sampledPeakBytes() / MIB, 100 * heap.sampledPeakBytes() / LIMIT, HeapMeter.SAMPLE_MILLIS);
        line("  %-15s %8.1f MiB  %3.0f%% of the limit: each heap pool's peak, summed (pools peak apart: an overstatement)", "",
                heap.poolPeaksBytes() / MIB, 100 * heap.poolPeaksBytes() / LIMIT);
        line("  %-15s %8.1f MiB  %3.0f%% of the limit: the most in use just after a collection (at most the live data)", "",
                heap.mostAfterGcBytes() / MIB, 100 * heap.mostAfterGcBytes() / LIMIT);
        line("  %-15s %s; %.0f%% of the run", "GC", collections(heap), 100 * heap.totalMillis() / 1e3 / outcome.seconds());
        line("  %-15s %,d of %,d boxes counted, %,d repeat detections, %,d detector failures, %,d sequences, %,d records",
                "counts", summary.path("detections_counted").asLong(), summary.path("detections").asLong(),
                summary.path("repeat_detections").asLong(), summary.path("detector_failures").asLong(),
                summary.path("sequences").asLong(), summary.path("records").asLong());
        line("  %-15s %s", "outputs", outputs(summary).entrySet().stream()
                .map(output -> String.format(Locale.ROOT, "%s %.1f MiB", output.getKey(), size(output.getValue()) / MIB))
                .collect(Collectors.joining(", ")));
        line("  %-15s %s", "checks", linedUp ? "every box, failure, burst and rock accounted for" : "FAILED (below)");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String collections(HeapMeter.Reading heap) {
        return heap.collections().stream()
                .map(gc -> String.format(Locale.ROOT, "%s %,d in %.2f s", gc.collector(), gc.count(), gc.millis() / 1e3))
                .collect(Collectors.joining(", "));
    }

    private static void expect(List<String> problems, String what, long expected, long actual) {
        if (expected != actual) {
            problems.add(String.format(Locale.ROOT, "%s: %,d, expected %,d", what, actual, expected));
        }
    }

    /** Why Stage-2 wrote no package, as events.json says. */
    private static String camtrapDpSkipped(JsonNode summary) {
        try {
            return Json.parse(Files.readAllBytes(local(summary, "events_uri"))).path("camtrapDp").path("skipped_because").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path local(JsonNode summary, String uriField) {
        return Location.parse(summary.path(uriField).asText()).path();
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** application.properties of the working folder: make and surefire both run in the project's root. */
    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bench-stage2 runs in the project's root, beside application.properties", e);
        }
        return properties;
    }

    /** printf with the root locale: the same figures on every machine. */
    private static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
